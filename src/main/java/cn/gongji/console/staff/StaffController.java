package cn.gongji.console.staff;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Staff accounts (admin only, see ConsoleSecurity): list, add, reset a password, deactivate, reactivate. */
@Controller("consoleStaffController")
class StaffController {

    private static final Logger audit = LoggerFactory.getLogger("cn.gongji.console.audit");

    private final StaffStore store;
    private final Clock clock;

    StaffController(StaffStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @GetMapping("/console/staff")
    String list(Model model) {
        model.addAttribute("staff", store.list());
        model.addAttribute("roles", Role.values());
        model.addAttribute("zone", clock.getZone()); // the day an account was made, in the business zone
        return "console/staff";
    }

    @PostMapping("/console/staff")
    String create(@RequestParam("username") String username, @RequestParam("displayName") String displayName,
            @RequestParam("role") String role, @RequestParam("password") String password, HttpServletRequest req,
            RedirectAttributes flash) {
        String u = username == null ? "" : username.strip();
        String n = displayName == null ? "" : displayName.strip();
        // a refused form comes back with what was typed (never the password)
        flash.addFlashAttribute("typed", java.util.Map.of("username", u, "displayName", n, "role", role == null ? "" : role));
        Role r;
        try {
            r = Role.fromCode(role);
        } catch (IllegalArgumentException e) {
            return refuse(flash, "staff.error.role");
        }
        if (!StaffStore.USERNAME.matcher(u).matches()) {
            return refuse(flash, "staff.error.username");
        }
        if (n.isEmpty() || n.length() > 60) {
            return refuse(flash, "staff.error.name");
        }
        if (password == null || password.length() < StaffStore.MIN_PASSWORD || password.length() > 128) {
            return refuse(flash, "staff.error.password");
        }
        if (!store.create(u, n, r, password, req.getRemoteUser())) {
            return refuse(flash, "staff.error.taken");
        }
        audit.info("{} created staff account {} ({})", req.getRemoteUser(), u, r.code());
        flash.getFlashAttributes().remove("typed");
        flash.addFlashAttribute("done", "staff.done.created");
        return "redirect:/console/staff";
    }

    @PostMapping("/console/staff/{username}/password")
    String password(@PathVariable String username, @RequestParam("password") String password, HttpServletRequest req,
            RedirectAttributes flash) {
        if (password == null || password.length() < StaffStore.MIN_PASSWORD || password.length() > 128) {
            return refuse(flash, "staff.error.password");
        }
        if (!store.setPassword(username, password)) {
            return refuse(flash, "staff.error.unknown");
        }
        audit.info("{} reset the password of staff account {}", req.getRemoteUser(), username);
        flash.addFlashAttribute("done", "staff.done.password");
        return "redirect:/console/staff";
    }

    @PostMapping("/console/staff/{username}/active")
    String active(@PathVariable String username, @RequestParam("active") boolean active, HttpServletRequest req,
            RedirectAttributes flash) {
        if (!active && username.equals(req.getRemoteUser())) {
            return refuse(flash, "staff.error.self");
        }
        if (!store.setActive(username, active)) {
            return refuse(flash, "staff.error.unknown");
        }
        audit.info("{} set staff account {} active={}", req.getRemoteUser(), username, active);
        flash.addFlashAttribute("done", active ? "staff.done.activated" : "staff.done.deactivated");
        return "redirect:/console/staff";
    }

    private static String refuse(RedirectAttributes flash, String key) {
        flash.addFlashAttribute("error", key);
        return "redirect:/console/staff";
    }
}
