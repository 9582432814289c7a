package cn.gongji.console.staff;

import java.util.Locale;

/**
 * What a member of staff may do. The pages each role reaches are decided in one place,
 * {@link cn.gongji.console.ConsoleSecurity}; docs/console.md has the table.
 */
public enum Role {
    /** 经办员: looks up persons, sets an insured person's sign-in password. */
    OPERATOR,
    /** 稽核员: looks up persons and settlements (read only). */
    AUDITOR,
    /** 财务: runs the monthly account credit. */
    FINANCE,
    /** 管理员: everything, including staff accounts and policy versions. */
    ADMIN;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String authority() {
        return "ROLE_" + name();
    }

    public static Role fromCode(String code) {
        for (Role r : values()) {
            if (r.code().equals(code)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown role: " + code + " (accepted: operator, auditor, finance, admin)");
    }
}
