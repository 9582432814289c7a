package cn.gongji.console.staff;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Repository;

/** Staff accounts (table staff, V008). Passwords are stored only as encoder hashes. */
@Repository
public class StaffStore {

    public static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{1,31}");
    public static final int MIN_PASSWORD = 12;

    public record Staff(String username, String displayName, Role role, String passwordHash, boolean active,
            String createdBy, java.time.OffsetDateTime createdAt) {}

    private final JdbcClient db;
    private final PasswordEncoder encoder;

    public StaffStore(JdbcClient db, PasswordEncoder encoder) {
        this.db = db;
        this.encoder = encoder;
    }

    public Optional<Staff> find(String username) {
        return db.sql("select * from staff where username = :u").param("u", username)
                .query((rs, i) -> new Staff(rs.getString("username"), rs.getString("display_name"),
                        Role.fromCode(rs.getString("role")), rs.getString("password_hash"), rs.getBoolean("active"),
                        rs.getString("created_by"), rs.getObject("created_at", java.time.OffsetDateTime.class)))
                .optional();
    }

    public List<Staff> list() {
        return db.sql("select * from staff order by role, username")
                .query((rs, i) -> new Staff(rs.getString("username"), rs.getString("display_name"),
                        Role.fromCode(rs.getString("role")), "", rs.getBoolean("active"), rs.getString("created_by"),
                        rs.getObject("created_at", java.time.OffsetDateTime.class)))
                .list();
    }

    public boolean anyActiveAdmin() {
        return db.sql("select exists(select 1 from staff where role = 'admin' and active)").query(Boolean.class).single();
    }

    /** Creates the account; false when the username is taken (nothing changes then). */
    public boolean create(String username, String displayName, Role role, String password, String createdBy) {
        return db.sql("""
                insert into staff (username, display_name, role, password_hash, created_by)
                values (:u, :n, :r, :h, :by) on conflict (username) do nothing
                """).param("u", username).param("n", displayName).param("r", role.code())
                .param("h", encoder.encode(password)).param("by", createdBy).update() == 1;
    }

    public boolean setPassword(String username, String password) {
        return db.sql("update staff set password_hash = :h, password_set_at = now() where username = :u")
                .param("h", encoder.encode(password)).param("u", username).update() == 1;
    }

    public boolean setActive(String username, boolean active) {
        return db.sql("update staff set active = :a where username = :u").param("a", active).param("u", username)
                .update() == 1;
    }
}
