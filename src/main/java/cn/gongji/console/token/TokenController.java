package cn.gongji.console.token;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "My API tokens" (every role): a member of staff makes personal tokens for the agency API, sees
 * them (name, first characters, dates) and revokes them. A new token is shown once, on the page
 * that follows its creation.
 */
@Controller
class TokenController {

    private final ApiTokens tokens;
    private final Clock clock;

    TokenController(ApiTokens tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    @GetMapping("/console/tokens")
    String list(Model model, HttpServletRequest req) {
        model.addAttribute("tokens", tokens.list(req.getRemoteUser()));
        model.addAttribute("zone", clock.getZone()); // times in the business zone, not the database session's
        return "console/tokens";
    }

    @PostMapping("/console/tokens")
    String create(@RequestParam("name") String name, @RequestParam(name = "days", defaultValue = "90") String days,
            HttpServletRequest req, RedirectAttributes flash) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > 60) {
            flash.addFlashAttribute("error", "token.error.name");
            return "redirect:/console/tokens";
        }
        int d;
        try {
            d = Integer.parseInt(days.strip());
        } catch (NumberFormatException e) {
            d = -1;
        }
        if (d < 1 || d > ApiTokens.MAX_DAYS) {
            flash.addFlashAttribute("error", "token.error.days");
            return "redirect:/console/tokens";
        }
        flash.addFlashAttribute("newToken", tokens.create(req.getRemoteUser(), n, d));
        return "redirect:/console/tokens";
    }

    @PostMapping("/console/tokens/{id}/revoke")
    String revoke(@PathVariable long id, HttpServletRequest req, RedirectAttributes flash) {
        if (tokens.revoke(req.getRemoteUser(), id)) {
            flash.addFlashAttribute("done", "token.done.revoked");
        } else {
            flash.addFlashAttribute("error", "token.error.unknown");
        }
        return "redirect:/console/tokens";
    }
}
