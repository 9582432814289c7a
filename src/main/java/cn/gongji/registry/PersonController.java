package cn.gongji.registry;

import cn.gongji.policy.PersonStatus;

import cn.gongji.registry.Views.Binding;
import cn.gongji.registry.Views.BindingAnswer;
import cn.gongji.registry.Views.PsnNoAnswer;
import cn.gongji.registry.Views.RegistrationAnswer;
import cn.gongji.registry.Views.StatusHistoryAnswer;
import cn.gongji.web.Bodies;
import cn.gongji.web.FieldReader;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.LocalDate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/admin/persons")
@Tag(name = "Persons", description = "参保人登记、状态变更、家庭共济绑定、异地备案 / insured persons")
public class PersonController {

    private final PersonService persons;
    private final LinkService links;
    private final LedgerQueries ledger;
    private final Clock clock;

    public PersonController(PersonService persons, LinkService links, LedgerQueries ledger, Clock clock) {
        this.persons = persons;
        this.links = links;
        this.ledger = ledger;
        this.clock = clock;
    }

    @PostMapping
    @Operation(summary = "Register an insured person; opens the personal account (balance 0)")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = RequestSchemas.Person.class)))
    @ApiResponse(responseCode = "200", description = "{psn_no}")
    @ApiResponse(responseCode = "400", description = "invalid-request: every bad field at once; malformed-json")
    @ApiResponse(responseCode = "409", description = "conflict: certno, card_no or evoucher_token already registered")
    public PsnNoAnswer register(@RequestBody JsonNode body) {
        FieldReader r = Bodies.object(body);
        NewPerson p = NewPerson.read(r, LocalDate.now(clock));
        r.refuseIfInvalid();
        return new PsnNoAnswer(persons.register(p));
    }

    @GetMapping("/{psn_no}")
    @Operation(summary = "A person's profile: status history, contribution bases, bindings, off-site registrations. "
            + "Roles that do not register persons (auditor, finance) see the ID and card numbers masked and no e-voucher token")
    public Views.Profile profile(@PathVariable("psn_no") String psnNo, jakarta.servlet.http.HttpServletRequest req) {
        Views.Profile p = persons.profile(psnNo);
        Object role = req.getAttribute(cn.gongji.web.AdminTokenFilter.ROLE);
        return "admin".equals(role) || "operator".equals(role) ? p : p.masked();
    }

    @PostMapping("/{psn_no}/status-changes")
    @Operation(summary = "Record a status change (in force from the first day of the month after processed_date)")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = RequestSchemas.StatusChange.class)))
    @ApiResponse(responseCode = "200", description = "the person's status history")
    @ApiResponse(responseCode = "400", description = "invalid-request: status or processed_date missing or malformed, before the previous change or after today")
    @ApiResponse(responseCode = "404", description = "not-found: no such person")
    @ApiResponse(responseCode = "409", description = "conflict: the person already has this status")
    public StatusHistoryAnswer changeStatus(@PathVariable("psn_no") String psnNo, @RequestBody JsonNode body) {
        FieldReader r = Bodies.object(body);
        String status = r.oneOf("status", PersonStatus.codes(), true);
        LocalDate processed = r.date("processed_date", true);
        r.refuseIfInvalid();
        return new StatusHistoryAnswer(psnNo,
                persons.changeStatus(psnNo, PersonStatus.ofCode(status).orElseThrow(), processed));
    }

    @PostMapping("/{psn_no}/family-bindings")
    @Operation(summary = "Bind a family member (spouse, parent, child) whose personal share this account may pay")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = RequestSchemas.FamilyBinding.class)))
    @ApiResponse(responseCode = "200", description = "{binding_id}")
    @ApiResponse(responseCode = "400", description = "invalid-request: member missing, malformed, unknown or the holder; relation not spouse|parent|child")
    @ApiResponse(responseCode = "404", description = "not-found: no such holder")
    @ApiResponse(responseCode = "409", description = "conflict: an active binding to this member exists")
    public BindingAnswer bind(@PathVariable("psn_no") String psnNo, @RequestBody JsonNode body) {
        FieldReader r = Bodies.object(body);
        String memberPsnNo = r.optionalText("member_psn_no", 30);
        String memberCertno = memberCertno(r);
        String relation = r.oneOf("relation", LinkService.RELATIONS, true);
        // a member given but malformed is already listed; only a member not given at all is "required"
        if (memberPsnNo == null && memberCertno == null
                && !r.hasProblem("member_psn_no") && !r.hasProblem("member_certno")) {
            r.problem("member_psn_no", "member_psn_no 或 member_certno 必填其一", "member_psn_no or member_certno is required");
        }
        r.refuseIfInvalid();
        persons.requirePerson(psnNo);
        return new BindingAnswer(links.bind(psnNo, memberPsnNo, memberCertno, relation));
    }

    /** A malformed certno is a format error of its own, not "no such person"; a lowercase x is upper-cased. */
    private static String memberCertno(FieldReader r) {
        String raw = r.optionalText("member_certno", 40);
        if (raw == null) {
            return null;
        }
        var defect = CertNo.defect(raw);
        if (defect.isPresent()) {
            r.problem("member_certno", defect.get().zh, defect.get().en);
            return null;
        }
        return CertNo.parse(raw).value();
    }

    @DeleteMapping("/{psn_no}/family-bindings/{binding_id}")
    @Operation(summary = "End a family binding (kept as history with unbound_at)")
    @ApiResponse(responseCode = "200", description = "the binding with unbound_at (ending it again answers it unchanged)")
    @ApiResponse(responseCode = "400", description = "invalid-request: binding_id is not a number")
    @ApiResponse(responseCode = "404", description = "not-found: no such binding of this holder")
    public Binding unbind(@PathVariable("psn_no") String psnNo, @PathVariable("binding_id") long bindingId) {
        return links.unbind(psnNo, bindingId);
    }

    @PostMapping("/{psn_no}/offsite-registrations")
    @Operation(summary = "Register off-site care (异地就医备案); category: " + "1|resettled_retiree|异地安置退休, "
            + "2|long_term_work|异地长期工作, 3|long_term_residence|异地长期居住, 4|temporary|临时外出就医")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = RequestSchemas.OffsiteRegistration.class)))
    @ApiResponse(responseCode = "200", description = "{registration_id}")
    @ApiResponse(responseCode = "400", description = "invalid-request: admdvs, category or dates missing or malformed; admdvs in the home city; enddate before begndate")
    @ApiResponse(responseCode = "404", description = "not-found: no such person")
    public RegistrationAnswer offsite(@PathVariable("psn_no") String psnNo, @RequestBody JsonNode body) {
        FieldReader r = Bodies.object(body);
        String admdvs = r.admdvs("admdvs", true);
        String rawCategory = r.text("category", 20);
        var category = OffsiteCategory.parse(rawCategory);
        if (rawCategory != null && category.isEmpty()) {
            r.problem("category", "应为 " + OffsiteCategory.accepted() + " 之一", "must be one of " + OffsiteCategory.accepted());
        }
        LocalDate begn = r.date("begndate", true);
        LocalDate end = r.date("enddate", false);
        if (begn != null && end != null && end.isBefore(begn)) {
            r.problem("enddate", "不能早于 begndate", "must not be before begndate");
        }
        r.refuseIfInvalid();
        return new RegistrationAnswer(links.registerOffsite(psnNo, admdvs, category.orElseThrow(), begn, end));
    }

    @GetMapping("/{psn_no}/accumulators")
    @Operation(summary = "Outpatient pooling paid, limit and remaining in a calendar year "
            + "(limit by the status in force on Dec 31, or today for the current year)")
    @ApiResponse(responseCode = "200", description = "{year, outpatient_pool_paid, outpatient_pool_limit, remaining, ...}")
    @ApiResponse(responseCode = "400", description = "invalid-request: year is not a year from 2000 to 2100")
    @ApiResponse(responseCode = "404", description = "not-found: no such person")
    public Views.Accumulators accumulators(@PathVariable("psn_no") String psnNo,
            @RequestParam(name = "year", required = false) Integer year) {
        int y = year != null ? year : LocalDate.now(clock).getYear();
        LedgerQueries.checkYear(y);
        return ledger.accumulators(psnNo, y);
    }
}
