package cn.gongji.console.token;

import cn.gongji.web.StaffCredentials;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Personal API tokens of staff for the agency API (table staff_api_token, V013). A token is
 * {@code gjt_} + 256 random bits (base64url); only its SHA-256 is stored (a fast hash is enough for
 * a random secret of that size, and it lets a call find its token by an index). A token works while
 * its staff account is active, it is not revoked and not past its expiry; its role is the account's
 * role at the time of the call, so a role change or a deactivation applies at once.
 */
@Repository
public class ApiTokens implements StaffCredentials {

    public static final String PREFIX = "gjt_";
    public static final int MAX_DAYS = 366;

    public record Token(long id, String name, String prefix, OffsetDateTime createdAt, OffsetDateTime expiresAt,
            OffsetDateTime revokedAt, OffsetDateTime lastUsedAt) {}

    private final JdbcClient db;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ApiTokens(JdbcClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Makes a token for {@code username}, valid for {@code days} (1..366); the token is returned once, never stored. */
    public String create(String username, String name, int days) {
        if (days < 1 || days > MAX_DAYS) {
            throw new IllegalArgumentException("days must be 1.." + MAX_DAYS);
        }
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        OffsetDateTime now = OffsetDateTime.now(clock);
        db.sql("""
                insert into staff_api_token (username, name, token_hash, prefix, created_at, expires_at)
                values (:u, :n, :h, :p, :now, :exp)
                """).param("u", username).param("n", name).param("h", sha256(token)).param("p", token.substring(0, 10))
                .param("now", now).param("exp", now.plusDays(days)).update();
        return token;
    }

    public List<Token> list(String username) {
        return db.sql("""
                select token_id, name, prefix, created_at, expires_at, revoked_at, last_used_at
                from staff_api_token where username = :u order by revoked_at is not null, created_at desc
                """).param("u", username)
                .query((rs, i) -> new Token(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class), rs.getObject(5, OffsetDateTime.class),
                        rs.getObject(6, OffsetDateTime.class), rs.getObject(7, OffsetDateTime.class)))
                .list();
    }

    /** Revokes one of the user's own tokens; false when there is no such live token of theirs. */
    public boolean revoke(String username, long id) {
        return db.sql("update staff_api_token set revoked_at = :now where token_id = :id and username = :u and revoked_at is null")
                .param("now", OffsetDateTime.now(clock)).param("id", id).param("u", username).update() == 1;
    }

    @Override
    public Optional<Caller> byToken(String token) {
        if (!token.startsWith(PREFIX) || token.length() > 100) {
            return Optional.empty();
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        return db.sql("""
                update staff_api_token t set last_used_at = :now
                from staff s
                where t.token_hash = :h and s.username = t.username and s.active
                  and t.revoked_at is null and (t.expires_at is null or t.expires_at > :now)
                returning s.username, s.role
                """).param("h", sha256(token)).param("now", now)
                .query((rs, i) -> new Caller("staff:" + rs.getString(1), rs.getString(2)))
                .optional();
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
