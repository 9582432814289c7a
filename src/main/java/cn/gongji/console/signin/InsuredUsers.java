package cn.gongji.console.signin;

import cn.gongji.ops.pii.PiiCrypto;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * Insured persons signing in at /me with their ID number (certno) and the password staff set for
 * them. The signed-in principal's name is the person's psn_no.
 */
public final class InsuredUsers implements UserDetailsService {

    private final JdbcClient db;
    private final PiiCrypto crypto;

    public InsuredUsers(JdbcClient db, PiiCrypto crypto) {
        this.db = db;
        this.crypto = crypto;
    }

    @Override
    public UserDetails loadUserByUsername(String certno) {
        String c = certno == null ? "" : certno.strip().toUpperCase(Locale.ROOT);
        return db.sql("""
                select p.psn_no, c.password_hash from person p join insured_credential c on c.psn_no = p.psn_no
                where p.certno_hash = :c
                """).param("c", crypto.hash(c))
                .query((rs, i) -> User.withUsername(rs.getString(1)).password(rs.getString(2))
                        .authorities(AuthorityUtils.createAuthorityList("ROLE_INSURED")).build())
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException("no credential"));
    }
}
