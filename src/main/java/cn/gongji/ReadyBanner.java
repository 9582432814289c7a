package cn.gongji;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Tells the person who started the service where it answers (and, in demo mode, how to sign in). */
@Component
class ReadyBanner {

    @EventListener
    void ready(ApplicationReadyEvent event) {
        Environment env = event.getApplicationContext().getEnvironment();
        String port = env.getProperty("local.server.port");
        if (port == null) {
            return; // a command-line job, not the service
        }
        String base = "http://localhost:" + port;
        boolean demo = env.getProperty("gongji.demo", Boolean.class, false);
        String token = env.getProperty("gongji.admin-token", "");
        StringBuilder b = new StringBuilder();
        b.append("\n  Gongji is ready: ").append(base).append('\n');
        b.append("    HIS protocol   POST ").append(base).append("/fsi/api/rsfComIfsService/callService\n");
        b.append("    agency API     ").append(base).append("/api/admin/...  (Authorization: Bearer ")
                .append(token.isBlank() ? "<gongji.admin-token is not set: agency API closed>" : demo ? token : "<gongji.admin-token>")
                .append(")\n");
        b.append("    API docs       ").append(base).append("/swagger-ui.html\n");
        b.append("    health         ").append(base).append("/actuator/health\n");
        if (demo) {
            b.append("    demo data      hospital H41130200001 (secret demo-secret-H41130200001), pharmacy P41130200001\n")
             .append("                   (secret demo-secret-P41130200001), insured person 41130000000000000001\n")
             .append("                   (e-voucher token demo-evoucher-0001); the data is synthetic\n");
        }
        System.out.println(b);
    }
}
