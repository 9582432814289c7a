package cn.gongji.registry;

import cn.gongji.web.FieldReader;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An institution as registered by the agency, validated. Hospitals need a level; a pharmacy's level
 * is optional (it prices nothing: external prescriptions are priced at the prescriber's level). An
 * internet hospital without a level takes the level of the hospital it belongs to (internet_of).
 */
public record NewInstitution(
        String code,
        String name,
        String kind,
        String level,
        String admdvs,
        boolean dualChannel,
        boolean externalRx,
        String internetOf,
        String secret) {

    public static final Pattern CODE = Pattern.compile("[A-Za-z0-9]{1,30}");
    public static final Set<String> KINDS = Set.of("hospital", "pharmacy");
    public static final Set<String> LEVELS = Set.of("L1", "L2", "L3");

    /** Reads and validates the fields; references (internet_of) are checked against the store later. */
    public static NewInstitution read(FieldReader r, boolean secretAllowed) {
        String code = r.matching("fixmedins_code", CODE, "1–30 位字母或数字", "1-30 letters or digits", true);
        String name = r.text("fixmedins_name", 200);
        String kind = r.oneOf("kind", KINDS, true);
        String level = r.oneOf("level", LEVELS, false);
        String admdvs = r.admdvs("admdvs", true);
        boolean dual = r.bool("dual_channel", false);
        boolean extRx = r.bool("external_rx", false);
        String internetOf = r.optionalText("internet_of", 30);
        String secret = secretAllowed ? r.optionalText("secret", 200) : null;
        if ("hospital".equals(kind) && level == null && internetOf == null && r.ok()) {
            r.problem("level", "医院必须填写等级 L1|L2|L3", "is required for a hospital: L1|L2|L3");
        }
        if ("pharmacy".equals(kind) && internetOf != null) {
            r.problem("internet_of", "只有互联网医院可以填写", "applies to internet hospitals only, not pharmacies");
        }
        if (code != null && code.equals(internetOf)) {
            r.problem("internet_of", "不能指向自身", "must name another institution");
        }
        if (secret != null && secret.length() < 32) {
            r.problem("secret", "至少 32 个字符", "must be at least 32 characters");
        }
        if (!r.ok()) {
            return null;
        }
        return new NewInstitution(code, name, kind, level, admdvs, dual, extRx, internetOf, secret);
    }

    public NewInstitution withLevelAndSecret(String level, String secret) {
        return new NewInstitution(code, name, kind, level, admdvs, dualChannel, externalRx, internetOf, secret);
    }
}
