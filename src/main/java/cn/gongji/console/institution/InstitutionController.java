package cn.gongji.console.institution;

import cn.gongji.registry.InstitutionService;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** Institution list (search by code or name) and the institution page made of {@link InstitutionPanel}s. */
@Controller("consoleInstitutionController")
class InstitutionController {

    public record Row(String code, String name, String kind, String level, String admdvs, boolean active) {}

    public record Shown(InstitutionPanel panel, Map<String, Object> data) {}

    private final JdbcClient db;
    private final InstitutionService institutions;
    private final List<InstitutionPanel> panels;
    private final MonthlyTotalsPanel monthly;
    private final IndicatorsPanel indicators;

    InstitutionController(JdbcClient db, InstitutionService institutions, List<InstitutionPanel> panels,
            MonthlyTotalsPanel monthly, IndicatorsPanel indicators) {
        this.monthly = monthly;
        this.indicators = indicators;
        this.db = db;
        this.institutions = institutions;
        this.panels = panels.stream().sorted(Comparator.comparingInt(InstitutionPanel::order)).toList();
    }

    @GetMapping("/console/institutions")
    String list(@RequestParam(name = "q", required = false) String q, Model model) {
        String like = "%" + (q == null ? "" : q.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")) + "%";
        model.addAttribute("q", q == null ? "" : q.strip());
        model.addAttribute("rows", db.sql("""
                select fixmedins_code, fixmedins_name, kind, level, admdvs, active from institution
                where fixmedins_code ilike :q or fixmedins_name ilike :q
                order by fixmedins_code limit 200
                """).param("q", like)
                .query((rs, i) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getBoolean(6)))
                .list());
        return "console/institutions";
    }

    @GetMapping("/console/api/institutions/{code}/months")
    @org.springframework.web.bind.annotation.ResponseBody
    List<MonthlyTotalsPanel.Month> months(@PathVariable String code) {
        institutions.find(code).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return monthly.months(code);
    }

    @GetMapping("/console/api/institutions/{code}/indicators")
    @org.springframework.web.bind.annotation.ResponseBody
    List<IndicatorsPanel.Month> indicators(@PathVariable String code) {
        institutions.find(code).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return indicators.months(code);
    }

    @GetMapping("/console/institutions/{code}")
    String page(@PathVariable String code, Model model) {
        var inst = institutions.find(code).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("inst", inst);
        model.addAttribute("panels", panels.stream().map(p -> new Shown(p, p.model(inst))).toList());
        return "console/institution";
    }
}
