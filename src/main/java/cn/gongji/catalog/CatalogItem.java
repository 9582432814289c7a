package cn.gongji.catalog;

import cn.gongji.web.FieldReader;
import java.math.BigDecimal;
import java.util.Set;
import java.util.regex.Pattern;

/** One catalog item as the agency publishes it (POLICY.md §2), validated. */
public record CatalogItem(
        String medListCodg,
        String name,
        String listType,
        String chrgitmLv,
        BigDecimal selfpayProp,
        BigDecimal payStd,
        String medChrgitmType,
        boolean acctPayable,
        boolean dualChannel,
        String genderLimit,
        Integer minAge,
        Integer maxAge,
        BigDecimal maxQtyPerVisit,
        String genericName) {

    /** 101 西药中成药, 102 中药饮片, 201 医疗服务项目, 301 医用耗材. */
    public static final Set<String> LIST_TYPES = Set.of("101", "102", "201", "301");
    public static final Set<String> LEVELS = Set.of("01", "02", "03");

    public static CatalogItem read(FieldReader r) {
        String code = r.matching("med_list_codg", Pattern.compile("[A-Za-z0-9._-]{1,50}"),
                "1–50 位字母、数字或 . _ -", "1-50 letters, digits or . _ -", true);
        String name = r.text("name", 200);
        String listType = r.oneOf("list_type", LIST_TYPES, true);
        String lv = r.oneOf("chrgitm_lv", LEVELS, true);
        BigDecimal s = r.decimal("selfpay_prop", false);
        if (s != null && (s.signum() < 0 || s.compareTo(BigDecimal.ONE) > 0 || s.stripTrailingZeros().scale() > 4)) {
            r.problem("selfpay_prop", "应为 0 到 1 之间、最多 4 位小数（如 0.1）", "must be from 0 to 1 with at most 4 decimals (e.g. 0.1)");
            s = null;
        }
        BigDecimal payStd = r.decimal("pay_std", false);
        if (payStd != null && (payStd.signum() < 0 || payStd.stripTrailingZeros().scale() > 6)) {
            r.problem("pay_std", "应为非负数、最多 6 位小数", "must be a non-negative number with at most 6 decimals");
        }
        String type = r.matching("med_chrgitm_type", Pattern.compile("\\d{2}"), " 2 位数字代码（如 09）", "a 2-digit code (e.g. 09)", false);
        boolean acct = r.bool("acct_payable", true);
        boolean dual = r.bool("dual_channel", false);
        String gender = r.oneOf("gender_limit", Set.of("1", "2"), false);
        Integer minAge = r.integer("min_age", 0, 150);
        Integer maxAge = r.integer("max_age", 0, 150);
        if (minAge != null && maxAge != null && minAge > maxAge) {
            r.problem("max_age", "不能小于 min_age", "must not be less than min_age");
        }
        BigDecimal maxQty = r.decimal("max_qty_per_visit", false);
        if (maxQty != null && (maxQty.signum() <= 0 || maxQty.stripTrailingZeros().scale() > 4)) {
            r.problem("max_qty_per_visit", "应为正数、最多 4 位小数", "must be positive with at most 4 decimals");
        }
        String generic = r.optionalText("generic_name", 200);
        if ("02".equals(lv) && s == null && r.ok()) {
            r.problem("selfpay_prop", "乙类项目必须填写先行自付比例", "is required for a class B (02) item");
        }
        return r.ok() ? new CatalogItem(code, name, listType, lv, "02".equals(lv) ? s : zeroIfNull(s), payStd, type,
                acct, dual, gender, minAge, maxAge, maxQty, generic) : null;
    }

    /** The same item with the payment standard of its generic name. */
    public CatalogItem withPayStd(BigDecimal standard) {
        return new CatalogItem(medListCodg, name, listType, chrgitmLv, selfpayProp, standard, medChrgitmType, acctPayable,
                dualChannel, genderLimit, minAge, maxAge, maxQtyPerVisit, genericName);
    }

    /**
     * Keeps the payment standards given for each generic name in one upload (POLICY.md §2: the products
     * of one generic name share it) and says which item disagrees with an earlier one of its name.
     */
    public static final class GenericStandards {
        private final java.util.Map<String, BigDecimal> standards = new java.util.HashMap<>();
        private final java.util.Map<String, String> setBy = new java.util.HashMap<>();

        /** Records the item's standard; empty when it agrees (or sets none), else the label of the item it contradicts. */
        public java.util.Optional<String> conflict(CatalogItem item, String label) {
            if (item.genericName() == null || item.payStd() == null) {
                return java.util.Optional.empty();
            }
            BigDecimal earlier = standards.putIfAbsent(item.genericName(), item.payStd());
            if (earlier == null) {
                setBy.put(item.genericName(), label);
                return java.util.Optional.empty();
            }
            return earlier.compareTo(item.payStd()) == 0 ? java.util.Optional.empty()
                    : java.util.Optional.of(setBy.get(item.genericName()));
        }
    }

    private static BigDecimal zeroIfNull(BigDecimal s) {
        return s == null ? BigDecimal.ZERO : s;
    }
}
