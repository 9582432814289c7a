package cn.gongji.console.staff;

import cn.gongji.console.signin.InsuredCredentials;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The first admin, made at setup when no active admin exists: user {@code admin} with the password
 * {@code gongji.console.admin-password}, or a generated one printed once in the ready banner (it is
 * never stored in clear nor printed again). In demo mode ({@code gongji.demo=true}, {@code ./gongji run})
 * the demo users of every role exist with known passwords, printed at every start.
 */
@Component
@ConditionalOnWebApplication
class FirstStaff {

    private static final Logger log = LoggerFactory.getLogger(FirstStaff.class);
    static final List<String[]> DEMO = List.of(
            new String[] {"admin", "演示管理员 Demo admin", "admin", "demo-admin-password"},
            new String[] {"operator", "演示经办员 Demo operator", "operator", "demo-operator-password"},
            new String[] {"auditor", "演示稽核员 Demo auditor", "auditor", "demo-auditor-password"},
            new String[] {"finance", "演示财务 Demo finance", "finance", "demo-finance-password"});

    static final String DEMO_INSURED = "41130000000000000001";
    static final String DEMO_INSURED_PASSWORD = "demo-insured-password";

    private final StaffStore store;
    private final InsuredCredentials insured;
    private final org.springframework.jdbc.core.simple.JdbcClient db;
    private final boolean demo;
    private final String adminPassword;
    private final cn.gongji.ops.pii.PiiCrypto crypto;

    FirstStaff(StaffStore store, InsuredCredentials insured, org.springframework.jdbc.core.simple.JdbcClient db,
            cn.gongji.ops.pii.PiiCrypto crypto,
            @Value("${gongji.demo:false}") boolean demo,
            @Value("${gongji.console.admin-password:}") String adminPassword) {
        this.store = store;
        this.crypto = crypto;
        this.insured = insured;
        this.db = db;
        this.demo = demo;
        this.adminPassword = adminPassword;
    }

    @EventListener
    @Order(org.springframework.core.Ordered.LOWEST_PRECEDENCE)
    void ready(ApplicationReadyEvent event) {
        Environment env = event.getApplicationContext().getEnvironment();
        String port = env.getProperty("local.server.port");
        if (port == null) {
            return;
        }
        String base = "http://localhost:" + port;
        List<String> lines = new ArrayList<>();
        lines.add("  Gongji web console: " + base + "/console   insured persons: " + base + "/me");
        if (demo) {
            for (String[] d : DEMO) {
                store.create(d[0], d[1], Role.fromCode(d[2]), d[3], "demo");
                lines.add("    " + pad(d[2]) + " " + d[0] + " / " + d[3]);
            }
            db.sql("select certno_enc from person where psn_no = :p").param("p", DEMO_INSURED).query(String.class).optional()
                    .map(crypto::decrypt)
                    .ifPresent(certno -> {
                        if (!insured.isSet(DEMO_INSURED)) {
                            insured.set(DEMO_INSURED, DEMO_INSURED_PASSWORD, "demo");
                        }
                        lines.add("    insured  " + certno + " / " + DEMO_INSURED_PASSWORD + "   at " + base + "/me"
                                + "  (person " + DEMO_INSURED + ", synthetic)");
                    });
        } else if (!store.anyActiveAdmin()) {
            boolean generated = adminPassword == null || adminPassword.isBlank();
            String password = generated ? generate() : adminPassword;
            if (password.length() < StaffStore.MIN_PASSWORD) {
                log.error("gongji.console.admin-password is shorter than {} characters: no first admin created",
                        StaffStore.MIN_PASSWORD);
                lines.add("    no admin: gongji.console.admin-password must have at least " + StaffStore.MIN_PASSWORD + " characters");
            } else if (store.create("admin", "管理员 Administrator", Role.ADMIN, password, "setup")) {
                lines.add("    first admin created: admin / " + (generated ? password + "   (shown once: write it down)"
                        : "<gongji.console.admin-password>"));
            } else {
                lines.add("    user 'admin' exists but is inactive: no admin can sign in (re-activate it in the database)");
            }
        } else {
            lines.add("    sign in with your staff account");
        }
        System.out.println("\n" + String.join("\n", lines) + "\n");
    }

    private static String pad(String s) {
        return (s + "        ").substring(0, 8);
    }

    static String generate() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
        SecureRandom r = new SecureRandom();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}
