package cn.gongji.account.db;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Whether a holder's account is bound to a member now, read under a share lock of the holder's
 * person row: binding and unbinding lock that row for update ({@code registry.LinkService}), so the
 * answer holds until the caller's transaction ends. Used by what spends a holder's money for a
 * member: a contribution ({@link AccountOperations}) and a family draw ({@link FamilyAid}).
 */
final class HolderBinding {

    private HolderBinding() {}

    /**
     * @param wait false: {@code nowait}, the lock refused at once (55P03) when an unbinding holds it,
     *             for callers that bound their wait themselves
     */
    static boolean active(JdbcClient db, String holder, String member, boolean wait) {
        db.sql("select 1 from person where psn_no = :h for share" + (wait ? "" : " nowait")).param("h", holder)
                .query(Integer.class).list();
        return db.sql("""
                select exists(select 1 from family_binding where psn_no = :h and member_psn_no = :m and unbound_at is null)
                """).param("h", holder).param("m", member).query(Boolean.class).single();
    }
}
