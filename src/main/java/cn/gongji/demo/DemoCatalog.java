package cn.gongji.demo;

import cn.gongji.catalog.CatalogItem;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A synthetic catalog of about 520 items: drugs (101), treatment items (201) and consumables (301).
 * Classes A ≈ 45%, B ≈ 35% (pre-pay share 5–20%), C ≈ 20%; a payment standard (集采) on ≈ 25% of
 * drugs. A few fixed items are "demo handles" used by the README tour (see docs/demo-data.md).
 */
final class DemoCatalog {

    private DemoCatalog() {}

    static final List<String> WESTERN = List.of(
            "阿莫西林胶囊", "头孢克肟分散片", "头孢呋辛酯片", "阿奇霉素片", "左氧氟沙星片", "布洛芬缓释胶囊", "对乙酰氨基酚片",
            "二甲双胍片", "格列美脲片", "阿卡波糖片", "苯磺酸氨氯地平片", "硝苯地平控释片", "厄贝沙坦片", "缬沙坦胶囊",
            "氯沙坦钾片", "美托洛尔缓释片", "阿托伐他汀钙片", "瑞舒伐他汀钙片", "阿司匹林肠溶片", "氯吡格雷片",
            "奥美拉唑肠溶胶囊", "雷贝拉唑钠肠溶片", "多潘立酮片", "蒙脱石散", "氯雷他定片", "西替利嗪片",
            "孟鲁司特钠片", "沙丁胺醇气雾剂", "布地奈德鼻喷雾剂", "甲钴胺片", "维生素B1片", "叶酸片",
            "左甲状腺素钠片", "别嘌醇片", "非布司他片", "塞来昔布胶囊", "双氯芬酸钠缓释片", "胰岛素注射液",
            "甘精胰岛素注射液", "恩替卡韦分散片");
    static final List<String> WESTERN_SPECS = List.of("0.25g*24粒", "0.1g*12片", "0.5g*20片", "10mg*28片", "5mg*7片",
            "0.3g*20粒", "20mg*14粒", "50mg*30片", "3ml:300单位", "0.2g*10片");
    static final List<String> CHINESE = List.of(
            "连花清瘟胶囊", "复方丹参滴丸", "六味地黄丸", "藿香正气水", "板蓝根颗粒", "银翘解毒片", "感冒清热颗粒",
            "逍遥丸", "金匮肾气丸", "速效救心丸", "血府逐瘀胶囊", "通心络胶囊", "仲景牌六味地黄丸", "云南白药胶囊",
            "牛黄解毒片", "双黄连口服液", "蒲地蓝消炎口服液", "香砂养胃丸", "补中益气丸", "元胡止痛片");
    static final List<String> CHINESE_SPECS = List.of("0.35g*24粒", "10g*12袋", "200丸", "10ml*10支", "0.5g*36片");
    static final List<String> MAKERS = List.of("华北制药", "石药集团", "宛西制药", "扬子江药业", "齐鲁制药", "华润三九");

    static final List<String[]> TREATMENTS = List.of(
            new String[] {"普通门诊诊查费", "01"}, new String[] {"急诊诊查费", "01"}, new String[] {"主任医师诊查费", "01"},
            new String[] {"血常规检查", "04"}, new String[] {"尿常规检查", "04"}, new String[] {"肝功能检测", "04"},
            new String[] {"肾功能检测", "04"}, new String[] {"血脂四项", "04"}, new String[] {"空腹血糖测定", "04"},
            new String[] {"糖化血红蛋白测定", "04"}, new String[] {"C反应蛋白测定", "04"}, new String[] {"甲状腺功能五项", "04"},
            new String[] {"胸部X线摄影", "03"}, new String[] {"心电图检查", "03"}, new String[] {"腹部彩色多普勒超声", "03"},
            new String[] {"颈部血管彩超", "03"}, new String[] {"头颅CT平扫", "03"}, new String[] {"腰椎磁共振平扫", "03"},
            new String[] {"胃镜检查", "03"}, new String[] {"骨密度测定", "03"}, new String[] {"静脉输液", "05"},
            new String[] {"肌肉注射", "05"}, new String[] {"清创缝合", "05"}, new String[] {"换药", "05"},
            new String[] {"针灸", "05"}, new String[] {"推拿治疗", "05"}, new String[] {"拔罐", "05"},
            new String[] {"中药熏洗", "05"}, new String[] {"雾化吸入", "05"}, new String[] {"牙周洁治", "05"});
    static final List<String> TREATMENT_VARIANTS = List.of("", "（儿童）", "（加急）", "（床旁）");

    static final List<String> CONSUMABLES = List.of("一次性输液器", "一次性注射器", "医用纱布", "医用脱脂棉签", "弹力绷带",
            "一次性导尿包", "医用外科口罩", "血糖试纸", "胰岛素笔用针头", "医用敷贴", "石膏绷带", "留置针",
            "雾化面罩", "压舌板", "医用手套", "创可贴");
    static final List<String> CONSUMABLE_SPECS = List.of("5ml", "10ml", "10cm*10cm", "50支/包", "S号", "M号");

    /** Not payable by the personal account (Art. 10: public health, fitness, wellness). */
    static final List<String> WELLNESS = List.of("健康体检（一般项目）", "健身指导", "保健按摩", "营养咨询", "养生艾灸",
            "减肥瘦身指导", "体质辨识");

    static List<CatalogItem> generate(SplittableRandom rnd) {
        List<CatalogItem> items = new ArrayList<>(handles());
        int n = 0;
        for (String name : WESTERN) {
            for (int v = 0; v < 6; v++) {
                String spec = WESTERN_SPECS.get(rnd.nextInt(WESTERN_SPECS.size()));
                String maker = MAKERS.get(rnd.nextInt(MAKERS.size()));
                items.add(drug(rnd, "XY%06d".formatted(100 + ++n), name + " " + spec + "（" + maker + "）", "09"));
            }
        }
        for (String name : CHINESE) {
            for (int v = 0; v < 5; v++) {
                String spec = CHINESE_SPECS.get(rnd.nextInt(CHINESE_SPECS.size()));
                items.add(drug(rnd, "ZY%06d".formatted(100 + ++n), name + " " + spec, "10"));
            }
        }
        int t = 0;
        for (String[] tr : TREATMENTS) {
            for (String variant : TREATMENT_VARIANTS) {
                items.add(item(rnd, "F%08d".formatted(100 + ++t), tr[0] + variant, "201", tr[1], null));
            }
        }
        for (String w : WELLNESS) {
            items.add(new CatalogItem("F%08d".formatted(100 + ++t), w, "201", "03", BigDecimal.ZERO, null, "05",
                    false, false, null, null, null, null, null));
        }
        int c = 0;
        for (String name : CONSUMABLES) {
            for (String spec : CONSUMABLE_SPECS) {
                items.add(item(rnd, "C%08d".formatted(100 + ++c), name + " " + spec, "301", "08", null));
            }
        }
        return items;
    }

    private static CatalogItem drug(SplittableRandom rnd, String code, String name, String type) {
        BigDecimal payStd = rnd.nextInt(100) < 25 ? BigDecimal.valueOf(200 + rnd.nextInt(5800), 2) : null;
        return item(rnd, code, name, "101", type, payStd);
    }

    private static CatalogItem item(SplittableRandom rnd, String code, String name, String listType, String type,
            BigDecimal payStd) {
        int roll = rnd.nextInt(100);
        String lv = roll < 45 ? "01" : roll < 80 ? "02" : "03";
        BigDecimal s = lv.equals("02")
                ? BigDecimal.valueOf(5 + rnd.nextInt(16), 2).setScale(4, RoundingMode.UNNECESSARY)
                : BigDecimal.ZERO;
        return new CatalogItem(code, name, listType, lv, s, payStd, type, true, false, null, null, null, null, null);
    }

    /** Fixed items the README tour names. */
    static List<CatalogItem> handles() {
        return List.of(
                new CatalogItem("110200001", "普通门诊诊查费", "201", "01", BigDecimal.ZERO, null, "01", true, false,
                        null, null, null, null, null),
                new CatalogItem("250101001", "血常规检查", "201", "01", BigDecimal.ZERO, null, "04", true, false,
                        null, null, null, null, null),
                new CatalogItem("XY000001", "阿莫西林胶囊 0.25g*24粒", "101", "01", BigDecimal.ZERO,
                        new BigDecimal("9.50"), "09", true, false, null, null, null, new BigDecimal("10"), null),
                new CatalogItem("XY000002", "布洛芬缓释胶囊 0.3g*20粒", "101", "02", new BigDecimal("0.1000"), null,
                        "09", true, false, null, null, null, null, null),
                new CatalogItem("XY000003", "达格列净片 10mg*14片（谈判药品）", "101", "02", new BigDecimal("0.1000"),
                        new BigDecimal("4.36"), "09", true, true, null, 18, null, null, null),
                new CatalogItem("XY000004", "维生素E软胶囊（保健）", "101", "03", BigDecimal.ZERO, null, "09", false,
                        false, null, null, null, null, null),
                new CatalogItem("XY000005", "非那雄胺片 5mg*10片", "101", "01", BigDecimal.ZERO, null, "09", true,
                        false, "1", 18, null, null, null),
                new CatalogItem("C00000001", "一次性输液器 带针", "301", "02", new BigDecimal("0.2000"), null, "08", true,
                        false, null, null, null, null, null));
    }
}
