package cn.gongji.settlement.his;

import cn.gongji.settlement.HisBusinessException;
import java.time.LocalDateTime;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The request envelope (PROTOCOL.md §1), validated as it is read. The institution-code part of
 * msgid is not checked against fixmedins_code (vendors differ); its length is.
 */
public record Envelope(
        String infno,
        String msgid,
        String fixmedinsCode,
        String fixmedinsName,
        String insuplcAdmdvs,
        String mdtrtareaAdmvs,
        String infver,
        LocalDateTime infTime,
        String opterType,
        String opter,
        String opterName,
        String signNo,
        Fields input) {

    // compiled once: String.matches compiles its pattern on every call, three times per message
    private static final Pattern FOUR_DIGITS = Pattern.compile("\\d{4}");
    private static final Pattern SIX_DIGITS = Pattern.compile("\\d{6}");
    private static final Pattern OPTER_TYPE = Pattern.compile("[123]");

    public static Envelope read(JsonNode root) {
        Fields f = Fields.of(root, "");
        String infno = f.str("infno");
        if (!FOUR_DIGITS.matcher(infno).matches()) {
            throw HisBusinessException.field("infno", "应为 4 位数字交易编号，收到 " + Fields.quote(infno), "must be a 4-digit transaction code");
        }
        String msgid = msgid(f.str("msgid"), "msgid");
        String insuplc = area(f, "insuplc_admdvs");
        String mdtrtarea = area(f, "mdtrtarea_admvs");
        Fields input = f.obj("input");
        if (insuplc == null && input.node().findValue("psn_no") != null) {
            throw HisBusinessException.field("insuplc_admdvs", "缺失：输入含人员编号 psn_no 时必须填写参保地医保区划（6位）",
                    "is required (6 digits) when the input names a person");
        }
        String opterType = f.optStr("opter_type");
        if (opterType != null && !OPTER_TYPE.matcher(opterType).matches()) {
            throw HisBusinessException.field("opter_type", "只能是 1（经办人）、2（自助终端）或 3（移动终端），收到 " + Fields.quote(opterType),
                    "must be 1, 2 or 3");
        }
        return new Envelope(infno, msgid, f.str("fixmedins_code"), f.optStr("fixmedins_name"), insuplc, mdtrtarea,
                f.str("infver"), f.dateTime("inf_time"), opterType, f.optStr("opter"), f.optStr("opter_name"),
                f.optStr("sign_no"), input);
    }

    /**
     * {@code value} when it has a msgid's form, else a refusal naming {@code path}: the one check of
     * a msgid, also of the omsgid a 2601 names (a value no message could carry is no lost original).
     */
    public static String msgid(String value, String path) {
        if (value.length() != 30) {
            throw HisBusinessException.field(path, "长度应为 30（机构编码12位 + yyyyMMddHHmmss + 4位序号），收到 " + value.length() + " 位",
                    "must be 30 characters (institution code 12 + yyyyMMddHHmmss + 4-digit sequence)");
        }
        return value;
    }

    private static String area(Fields f, String name) {
        String a = f.optStr(name);
        if (a != null && !SIX_DIGITS.matcher(a).matches()) {
            throw HisBusinessException.field(name, "应为 6 位医保区划代码，收到 " + Fields.quote(a), "must be a 6-digit area code");
        }
        return a;
    }
}
