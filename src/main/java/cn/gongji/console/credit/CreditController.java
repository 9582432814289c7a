package cn.gongji.console.credit;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.YearMonth;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The monthly account credit: a form to start it and a page that polls its progress. */
@Controller("consoleCreditController")
class CreditController {

    private final CreditJobs jobs;
    private final Clock clock;

    CreditController(CreditJobs jobs, Clock clock) {
        this.jobs = jobs;
        this.clock = clock;
    }

    @GetMapping("/console/credits")
    String page(Model model) {
        model.addAttribute("month", YearMonth.now(clock).toString());
        model.addAttribute("job", jobs.latest().orElse(null));
        return "console/credits";
    }

    @PostMapping("/console/credits")
    String start(@RequestParam("month") String month, HttpServletRequest req, RedirectAttributes flash) {
        if (month == null || !month.matches("\\d{4}-(0[1-9]|1[0-2])")) {
            flash.addFlashAttribute("error", "credit.error.month");
            return "redirect:/console/credits";
        }
        switch (jobs.start(YearMonth.parse(month), req.getRemoteUser())) {
            case CreditJobs.Started s -> flash.addFlashAttribute("started", s.id());
            case CreditJobs.AlreadyRunning r -> {
                flash.addFlashAttribute("error", "credit.error.running");
                flash.addFlashAttribute("detail", r.month());
            }
            case CreditJobs.NoPolicy p -> {
                flash.addFlashAttribute("error", "credit.error.policy");
                flash.addFlashAttribute("detail", p.earliest());
            }
            case CreditJobs.NotBegun n -> {
                flash.addFlashAttribute("error", "credit.error.notbegun");
                flash.addFlashAttribute("detail", n.current());
            }
        }
        return "redirect:/console/credits";
    }

    @GetMapping("/console/api/credits/latest")
    @ResponseBody
    ResponseEntity<?> latest() {
        return jobs.latest().<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.ok(Map.of("state", "NONE")));
    }
}
