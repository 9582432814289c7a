package cn.gongji.registry;

import cn.gongji.web.Bodies;
import cn.gongji.web.FieldReader;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/admin/persons/{psn_no}/insurance-status")
@Tag(name = "Persons")
public class InsuranceStatusController {

    public record ChangeView(@JsonProperty("change_id") long changeId, String status,
            @JsonProperty("effective_date") LocalDate effectiveDate, String reason) {}

    public record HistoryView(@JsonProperty("psn_no") String psnNo, List<ChangeView> history) {}

    private final InsuranceStatus status;
    private final PersonService persons;

    public InsuranceStatusController(InsuranceStatus status, PersonService persons) {
        this.status = status;
        this.persons = persons;
    }

    @PostMapping
    @Operation(summary = "Suspend (suspended), end (ended) or resume (active) the insurance from effective_date: "
            + "no pooling payment on dates it is suspended or ended; the personal account stays usable")
    public HistoryView record(@PathVariable("psn_no") String psnNo, @RequestBody JsonNode body) {
        FieldReader r = Bodies.object(body);
        String s = r.oneOf("status", InsuranceStatus.STATUSES, true);
        LocalDate effective = r.date("effective_date", true);
        String reason = r.optionalText("reason", 200);
        r.refuseIfInvalid();
        return view(psnNo, status.record(psnNo, s, effective, reason));
    }

    @GetMapping
    @Operation(summary = "The person's insurance status changes, oldest first")
    public HistoryView history(@PathVariable("psn_no") String psnNo) {
        persons.requirePerson(psnNo);
        return view(psnNo, status.history(psnNo));
    }

    private static HistoryView view(String psnNo, List<InsuranceStatus.Change> changes) {
        return new HistoryView(psnNo, changes.stream()
                .map(c -> new ChangeView(c.changeId(), c.status(), c.effectiveDate(), c.reason())).toList());
    }
}
