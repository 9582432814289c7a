package cn.gongji.console.policy;

import cn.gongji.policy.PolicyVersion;
import cn.gongji.policy.db.PolicyJson;
import cn.gongji.policy.db.PolicyStore;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Policy versions: everyone on staff may read them; only an admin adds one. A new version is the
 * JSON of {@code policy/nanyang-2022-07-01.json}'s shape, validated by the same reader the service
 * loads versions with ({@link PolicyStore#add}), and must take effect after today: a version dated
 * today or earlier would re-price care that was already settled under another one.
 */
@Controller("consolePolicyController")
class PolicyController {

    private static final Logger audit = LoggerFactory.getLogger("cn.gongji.console.audit");

    public record Shown(PolicyVersion version, boolean inForce, boolean future) {}

    private final PolicyStore store;
    private final JdbcClient db;
    private final ObjectMapper json;
    private final Clock clock;

    PolicyController(PolicyStore store, JdbcClient db, ObjectMapper json, Clock clock) {
        this.store = store;
        this.db = db;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping("/console/policies")
    String list(Model model) {
        LocalDate today = LocalDate.now(clock);
        List<PolicyVersion> versions = store.book().versions();
        PolicyVersion current = null;
        for (PolicyVersion v : versions) {
            if (!v.effectiveFrom().isAfter(today)) {
                current = v;
            }
        }
        PolicyVersion inForce = current;
        model.addAttribute("versions", versions.reversed().stream()
                .map(v -> new Shown(v, v == inForce, v.effectiveFrom().isAfter(today))).toList());
        model.addAttribute("levels", cn.gongji.policy.Level.values());
        return "console/policies";
    }

    @GetMapping("/console/policies/new")
    String form(Model model) {
        if (!model.containsAttribute("params")) {
            model.addAttribute("params", suggestion());
        }
        return "console/policy-new";
    }

    @PostMapping("/console/policies")
    String create(@RequestParam("params") String params, HttpServletRequest req, Model model, RedirectAttributes flash) {
        model.addAttribute("params", params);
        JsonNode node;
        try {
            node = json.readTree(params);
        } catch (JacksonException e) {
            return refuse(model, "policy.error.json", e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            return refuse(model, "policy.error.json", "a JSON object { ... } is expected");
        }
        PolicyVersion v;
        try {
            v = PolicyJson.read(node);
        } catch (IllegalArgumentException e) {
            return refuse(model, "policy.error.invalid", e.getMessage());
        }
        if (!v.effectiveFrom().isAfter(LocalDate.now(clock))) {
            return refuse(model, "policy.error.date", v.effectiveFrom().toString());
        }
        try {
            store.add(node);
        } catch (DuplicateKeyException e) {
            return refuse(model, "policy.error.duplicate", v.versionId() + " / " + v.effectiveFrom());
        }
        audit.info("{} added policy version {} in force from {}", req.getRemoteUser(), v.versionId(), v.effectiveFrom());
        flash.addFlashAttribute("added", v.versionId());
        return "redirect:/console/policies";
    }

    private static String refuse(Model model, String key, String detail) {
        model.addAttribute("error", key);
        model.addAttribute("detail", detail);
        return "console/policy-new";
    }

    /** The latest version's parameters with the next month's first day and a matching id. */
    private String suggestion() {
        String latest = db.sql("select params::text from policy_version order by effective_from desc limit 1")
                .query(String.class).optional().orElse("{}");
        JsonNode n = json.readTree(latest);
        if (n instanceof ObjectNode o) {
            LocalDate next = LocalDate.now(clock).withDayOfMonth(1).plusMonths(1);
            o.put("version_id", "NY-" + next.format(DateTimeFormatter.ofPattern("yyyy-MM")));
            o.put("effective_from", next.toString());
        }
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(n);
    }
}
