package cn.gongji.console.warning;

import cn.gongji.common.Money;
import cn.gongji.console.ConsoleAudit;
import cn.gongji.console.person.Explanation;
import cn.gongji.console.person.PersonQueries;
import cn.gongji.console.person.SettlementView;
import cn.gongji.supervision.ReviewAction;
import cn.gongji.supervision.ReviewFlow;
import cn.gongji.supervision.ReviewStatus;
import cn.gongji.supervision.RuleDef;
import cn.gongji.supervision.Rules;
import cn.gongji.supervision.db.ReviewService;
import cn.gongji.supervision.db.RuleStore;
import cn.gongji.supervision.db.Warning;
import cn.gongji.supervision.db.WarningStore;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The warnings review queue (初审 → 复审 → 申诉 → 核实 → 处理) on the supervision services the agency
 * API uses: {@link WarningStore} lists and reads, {@link ReviewService} moves (the same locking, audit
 * trail, deadlines and recovery handoff). Which buttons show is asked of {@link ReviewFlow}; who may
 * press them is decided in ConsoleSecurity (auditor and admin).
 */
@Controller
class WarningPages {

    static final int LIMIT = 500;
    static final java.math.BigDecimal MAX_AMOUNT = new java.math.BigDecimal("1000000000000");
    static final List<String> STATUSES = Arrays.stream(ReviewStatus.values()).map(ReviewStatus::code).toList();
    /** What staff may do; an appeal is the institution's own (3191), never a console button. */
    static final List<ReviewAction> AGENCY_ACTIONS = List.of(ReviewAction.ESCALATE, ReviewAction.NOTIFY, ReviewAction.LAPSE,
            ReviewAction.CONFIRM, ReviewAction.DISMISS);

    private final WarningStore warnings;
    private final ReviewService review;
    private final RuleStore rules;
    private final PersonQueries persons;
    private final MessageSource messages;
    private final ConsoleAudit audit;
    private final Clock clock;

    WarningPages(WarningStore warnings, ReviewService review, RuleStore rules, PersonQueries persons, MessageSource messages,
            ConsoleAudit audit, Clock clock) {
        this.warnings = warnings;
        this.review = review;
        this.rules = rules;
        this.persons = persons;
        this.messages = messages;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping("/console/warnings")
    String queue(@RequestParam(name = "status", required = false) String status,
            @RequestParam(name = "inst", required = false) String inst,
            @RequestParam(name = "rule", required = false) String rule,
            @RequestParam(name = "overdue", defaultValue = "false") boolean overdue, Model model, Locale locale) {
        String st = blank(status);
        String in = blank(inst);
        String ru = blank(rule);
        if (st != null && !STATUSES.contains(st)) {
            model.addAttribute("error", "warnings.badStatus");
            st = null;
        }
        if (ru != null && Rules.find(ru).isEmpty()) {
            model.addAttribute("error", "warnings.badRule");
            ru = null;
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<Warning> rows = warnings.list(st, in, ru, null, null, overdue ? now : null, LIMIT + 1);
        model.addAttribute("more", rows.size() > LIMIT);
        model.addAttribute("rows", rows.stream().limit(LIMIT).toList());
        model.addAttribute("status", st == null ? "" : st);
        model.addAttribute("inst", in == null ? "" : in);
        model.addAttribute("rule", ru == null ? "" : ru);
        model.addAttribute("overdue", overdue);
        model.addAttribute("statuses", STATUSES);
        model.addAttribute("rules", Rules.ALL);
        // the rule names in the reader's language (the stored rule_name and RuleDef.name are Chinese)
        boolean en = "en".equals(locale.getLanguage());
        model.addAttribute("ruleNames", Rules.ALL.stream().collect(java.util.stream.Collectors.toMap(RuleDef::id,
                d -> en ? Rules.english(d.id()) : d.name())));
        model.addAttribute("now", now);
        model.addAttribute("zone", clock.getZone());
        return "console/warnings";
    }

    @GetMapping("/console/warnings/{id}")
    String detail(@PathVariable long id, HttpServletRequest req, Model model, Locale locale) {
        Warning w = warnings.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (w.psnNo() != null) {
            audit.read(req, w.psnNo());
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        ReviewStatus status = ReviewStatus.fromCode(w.status()).orElseThrow();
        boolean overdue = open(status) && w.dueAt() != null && w.dueAt().isBefore(now);
        model.addAttribute("w", w);
        model.addAttribute("state", status);
        model.addAttribute("overdue", overdue);
        model.addAttribute("events", warnings.events(id));
        var def = Rules.find(w.ruleId());
        model.addAttribute("rule", def.orElse(null));
        model.addAttribute("ruleEnglish", Rules.english(w.ruleId()));
        model.addAttribute("params", def.map(d -> new TreeMap<>(rules.settings().paramsOf(d).values())).orElse(null));
        SettlementView s = w.setlId() == null ? null : persons.settlement(w.setlId()).orElse(null);
        model.addAttribute("s", s);
        model.addAttribute("why", s == null ? List.of() : Explanation.sentences(s, clock.getZone(), messages, locale));
        model.addAttribute("actions", AGENCY_ACTIONS.stream()
                .filter(a -> ReviewFlow.next(status, a, ReviewFlow.Actor.AGENCY, overdue) instanceof ReviewFlow.Moved)
                .map(ReviewAction::code).toList());
        model.addAttribute("zone", clock.getZone());
        return "console/warning";
    }

    @PostMapping("/console/warnings/{id}/transitions")
    String transition(@PathVariable long id, @RequestParam("action") String action,
            @RequestParam(name = "note", required = false) String note,
            @RequestParam(name = "amount", required = false) String amount, HttpServletRequest req,
            RedirectAttributes flash, Locale locale) {
        Warning w = warnings.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        audit.aboutPerson(req, w.psnNo());
        ReviewAction a = ReviewAction.fromCode(action).filter(AGENCY_ACTIONS::contains).orElse(null);
        String text = blank(note);
        Money money = null;
        String problem = null;
        if (a == null) {
            problem = msg("warning.error.action", locale);
        } else if (text != null && text.length() > 2000) {
            problem = msg("warning.error.note", locale);
        } else if (a == ReviewAction.CONFIRM && blank(amount) != null) {
            try {
                money = Money.of(amount.strip());
                if (money.amount().signum() < 0 || money.amount().compareTo(MAX_AMOUNT) >= 0) {
                    problem = msg("warning.error.amount", locale);
                }
            } catch (IllegalArgumentException e) {
                problem = msg("warning.error.amount", locale);
            }
        }
        if (problem == null) {
            try {
                review.transition(id, a, ReviewFlow.Actor.AGENCY, "console:" + req.getRemoteUser(), null, text, money);
                flash.addFlashAttribute("done", a.code());
            } catch (ReviewService.Refused e) {
                problem = "en".equals(locale.getLanguage()) ? e.en() : e.zh();
            }
        }
        if (problem != null) {
            flash.addFlashAttribute("problem", problem);
            flash.addFlashAttribute("note", text);
        }
        return "redirect:/console/warnings/" + id;
    }

    private String msg(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }

    private static boolean open(ReviewStatus s) {
        return !s.terminal();
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
