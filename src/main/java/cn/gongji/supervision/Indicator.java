package cn.gongji.supervision;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.Map;

/** The Art. 22(2) indicators per institution and month, each watched as a rule with graded thresholds. */
public enum Indicator {
    GROWTH_MOM("I01", "医疗费用环比增长率", "月医疗费用总额较上月的增长率", "0.1"),
    GROWTH_YOY("I02", "医疗费用同比增长率", "月医疗费用总额较上年同月的增长率", "0.1"),
    AVG_COST("I03", "次均费用", "月医疗费用总额 ÷ 结算人次", "10"),
    SELFPAY_SHARE("I04", "自费比例", "（全自费 + 超限价自付）÷ 医疗费用总额", "0.02"),
    EXAM_TEST_SHARE("I05", "检查检验费用占比", "收费类别 03 检查费、04 化验费 ÷ 医疗费用总额", "0.03"),
    OUTSIDE_CATALOG_SHARE("I06", "目录外项目费用占比", "不在医保目录内的项目费用 ÷ 医疗费用总额", "0.02");

    private final RuleDef def;

    Indicator(String id, String name, String meaning, String minSpread) {
        this.def = new RuleDef(id, name + "异常", Category.MANAGEMENT, ResultType.SUSPICIOUS, "自然月", EnumSet.allOf(Scene.class),
                EnumSet.of(Stage.AFTER), 3, "8",
                name + "（" + meaning + "）与同级同类机构比较及与本机构近12个月比较的稳健Z值（中位数/MAD，离散度不小于 min_spread）达到阈值",
                Map.of("z_yellow", new BigDecimal("3"), "z_orange", new BigDecimal("4"), "z_red", new BigDecimal("6"),
                        "min_visits", new BigDecimal("20"), "min_spread", new BigDecimal(minSpread)));
    }

    public RuleDef def() {
        return def;
    }

    public String id() {
        return def.id();
    }
}
