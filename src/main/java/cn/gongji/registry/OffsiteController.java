package cn.gongji.registry;

import cn.gongji.registry.OffsiteRegistrations.Change;
import cn.gongji.registry.OffsiteRegistrations.Version;
import cn.gongji.web.Bodies;
import cn.gongji.web.FieldReader;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** Off-site registrations (异地就医备案): history, change, end. Filing stays POST on {@link PersonController}. */
@RestController
@RequestMapping("/api/admin/persons/{psn_no}/offsite-registrations")
@Tag(name = "Persons")
public class OffsiteController {

    /** One version as answered. */
    public record VersionView(
            @JsonProperty("registration_id") long registrationId,
            @JsonProperty("first_id") long firstId,
            String admdvs,
            String category,
            LocalDate begndate,
            LocalDate enddate,
            @JsonProperty("change_kind") String changeKind,
            String reason,
            @JsonProperty("created_at") String createdAt,
            @JsonProperty("ended_at") String endedAt,
            @JsonProperty("superseded_by") Long supersededBy,
            boolean current) {

        static VersionView of(Version v) {
            return new VersionView(v.registrationId(), v.firstId() != null ? v.firstId() : v.registrationId(), v.admdvs(),
                    v.category(), v.begndate(), v.enddate(), v.changeKind(), v.reason(), v.createdAt(), v.endedAt(),
                    v.supersededBy(), v.endedAt() == null);
        }
    }

    private final OffsiteRegistrations registrations;

    public OffsiteController(OffsiteRegistrations registrations) {
        this.registrations = registrations;
    }

    @GetMapping
    @Operation(summary = "Every version of the person's off-site registrations, oldest first (current = in force)")
    public List<VersionView> history(@PathVariable("psn_no") String psnNo) {
        return registrations.history(psnNo).stream().map(VersionView::of).toList();
    }

    @PatchMapping("/{registration_id}")
    @Operation(summary = "Change a registration (any of admdvs, category, begndate, enddate — null makes it open-ended — "
            + "and reason): a new version supersedes the current one; answers the new version")
    public VersionView change(@PathVariable("psn_no") String psnNo, @PathVariable("registration_id") long id,
            @RequestBody JsonNode body) {
        FieldReader r = Bodies.object(body);
        String admdvs = r.admdvs("admdvs", false);
        String rawCategory = r.optionalText("category", 20);
        var category = OffsiteCategory.parse(rawCategory);
        if (rawCategory != null && category.isEmpty()) {
            r.problem("category", "应为 " + OffsiteCategory.accepted() + " 之一", "must be one of " + OffsiteCategory.accepted());
        }
        LocalDate begn = r.date("begndate", false);
        LocalDate end = r.date("enddate", false);
        boolean clearEnd = body.has("enddate") && body.get("enddate").isNull();
        String reason = r.optionalText("reason", 200);
        r.refuseIfInvalid();
        return VersionView.of(registrations.change(psnNo, id, new Change(admdvs, category.orElse(null), begn, end, clearEnd,
                reason)));
    }

    @PostMapping("/{registration_id}/end")
    @Operation(summary = "End a registration on enddate (default today; the day before begndate withdraws it): "
            + "a new version with change_kind ended supersedes the current one")
    public VersionView end(@PathVariable("psn_no") String psnNo, @PathVariable("registration_id") long id,
            @RequestBody(required = false) JsonNode body) {
        FieldReader r = Bodies.object(body == null ? JsonNodeFactory.instance.objectNode() : body);
        LocalDate end = r.date("enddate", false);
        String reason = r.optionalText("reason", 200);
        r.refuseIfInvalid();
        return VersionView.of(registrations.end(psnNo, id, end, reason));
    }
}
