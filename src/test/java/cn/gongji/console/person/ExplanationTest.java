package cn.gongji.console.person;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

class ExplanationTest {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    static SettlementView row(String level, String inScope, String dedc, String ratio, String fund, String remaining,
            String acct, String mulaid, String cash, String medfee, OffsetDateTime cancelled) {
        BigDecimal m = new BigDecimal(medfee);
        BigDecimal f = new BigDecimal(fund);
        return new SettlementView("S1", null, "M1", "P", "H", "医院", OffsetDateTime.now(), null, "NY-2022-07", "1101",
                level, m, new BigDecimal("0.00"), new BigDecimal("0.00"), new BigDecimal("0.00"), new BigDecimal(inScope),
                new BigDecimal(dedc), f, new BigDecimal(ratio), m.subtract(f), new BigDecimal(acct), new BigDecimal(mulaid),
                new BigDecimal(cash), BigDecimal.ZERO, new BigDecimal(remaining), "trace", cancelled, List.of());
    }

    static List<String> words(SettlementView s, Locale locale) {
        ResourceBundleMessageSource m = new ResourceBundleMessageSource();
        m.setBasename("console/messages");
        m.setDefaultEncoding("UTF-8");
        m.setFallbackToSystemLocale(false);
        return Explanation.sentences(s, ZONE, m, locale);
    }

    @Test
    void a_level_three_visit_of_two_hundred_is_explained_step_by_step_in_chinese() {
        List<String> w = words(row("L3", "200.00", "50.00", "0.5000", "75.00", "1500.00", "100.00", "0.00", "25.00",
                "200.00", null), Locale.SIMPLIFIED_CHINESE);
        assertThat(w).containsExactly(
                "医疗费总额 200.00 元 = 全自费 0.00 + 超限价自付 0.00 + 乙类先行自付 0.00 + 政策范围内 200.00。",
                "起付标准：本次计入 50.00 元（三级医疗机构，同一机构 24 小时就诊周期内只计一次）。",
                "统筹基金按比例支付：(200.00 − 50.00) × 50% = 75.00 元。",
                "年度限额：本次前还可支付 1500.00 元，统筹基金支付 75.00 元，支付后剩余 1425.00 元。",
                "个人负担 125.00 元 = 200.00 − 统筹基金 75.00。",
                "其中本人账户支付 100.00 元、家庭共济账户支付 0.00 元、现金 25.00 元。");
    }

    @Test
    void a_payment_cut_by_the_annual_limit_says_how_much_less_was_paid_in_english() {
        List<String> w = words(row("L1", "100.00", "0.00", "0.6000", "20.00", "20.00", "0.00", "0.00", "80.00",
                "100.00", null), Locale.ENGLISH);
        assertThat(w.get(2)).isEqualTo("The pooling fund pays its share: (100.00 − 0.00) × 60% = 60.00 yuan.");
        assertThat(w.get(3)).isEqualTo("Annual limit: only 20.00 yuan could still be paid before this settlement, so the fund "
                + "paid 20.00 yuan (40.00 yuan less than its share).");
    }

    @Test
    void an_unpooled_settlement_and_a_cancelled_one_say_so() {
        List<String> notPooled = words(row(null, "0.00", "0.00", "0.0000", "0.00", "1500.00", "0.00", "0.00", "30.00",
                "30.00", null), Locale.ENGLISH);
        assertThat(notPooled.get(1)).contains("pays nothing", "30.00");
        List<String> cancelled = words(row("L2", "100.00", "30.00", "0.5500", "38.50", "1500.00", "0.00", "0.00",
                "61.50", "100.00", OffsetDateTime.of(2026, 3, 1, 2, 0, 0, 0, ZoneOffset.UTC)), Locale.SIMPLIFIED_CHINESE);
        assertThat(cancelled.getLast()).startsWith("这笔结算已于 2026-03-01 10:00 撤销");
    }
}
