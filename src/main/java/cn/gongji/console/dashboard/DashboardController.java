package cn.gongji.console.dashboard;

import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/** The dashboard page and the JSON its charts draw from (/console/api/dashboard/...). */
@Controller("consoleDashboardController")
class DashboardController {

    static final int DAYS = 30;

    private final DashboardQueries q;

    DashboardController(DashboardQueries q) {
        this.q = q;
    }

    @GetMapping({"/console", "/console/"})
    String page(Model model) {
        List<DashboardQueries.Day> days = q.byDay(1);
        model.addAttribute("today", days.getFirst());
        model.addAttribute("days", DAYS);
        return "console/dashboard";
    }

    @GetMapping("/console/api/dashboard/days")
    @ResponseBody
    List<DashboardQueries.Day> days() {
        return q.byDay(DAYS);
    }

    @GetMapping("/console/api/dashboard/levels")
    @ResponseBody
    List<DashboardQueries.Group> levels() {
        return q.byLevel(DAYS);
    }

    @GetMapping("/console/api/dashboard/top-institutions")
    @ResponseBody
    List<DashboardQueries.Group> top() {
        return q.topInstitutions(DAYS, 10);
    }

    @GetMapping("/console/api/dashboard/limit-usage")
    @ResponseBody
    Map<String, Object> limitUsage() {
        return Map.of("year", q.today().getYear(), "buckets", q.limitUsage());
    }
}
