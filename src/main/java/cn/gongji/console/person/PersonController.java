package cn.gongji.console.person;

import cn.gongji.account.Entry;
import cn.gongji.account.db.AccountQueries;
import cn.gongji.console.ConsoleAudit;
import cn.gongji.console.Mask;
import cn.gongji.console.signin.InsuredCredentials;
import cn.gongji.registry.LedgerQueries;
import cn.gongji.registry.PersonService;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

/** Person lookup (by psn_no or ID number) and the person page. */
@Controller("consolePersonController")
class PersonController {

    private static final Logger audit = LoggerFactory.getLogger("cn.gongji.console.audit");
    static final int SETTLEMENTS = 50;
    static final int ENTRIES = 100;

    private final PersonQueries persons;
    private final PersonService registry;
    private final LedgerQueries limits;
    private final AccountQueries accounts;
    private final InsuredCredentials insured;
    private final MessageSource messages;
    private final Clock clock;
    private final ConsoleAudit auditLog;

    PersonController(PersonQueries persons, PersonService registry, LedgerQueries limits, AccountQueries accounts,
            InsuredCredentials insured, MessageSource messages, Clock clock, ConsoleAudit auditLog) {
        this.auditLog = auditLog;
        this.persons = persons;
        this.registry = registry;
        this.limits = limits;
        this.accounts = accounts;
        this.insured = insured;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping("/console/persons")
    String lookup(@RequestParam(name = "q", required = false) String q, Model model) {
        if (q == null || q.isBlank()) {
            return "console/persons";
        }
        model.addAttribute("q", q.strip());
        if (!PersonQueries.wellFormed(q)) {
            model.addAttribute("error", "persons.badQuery");
            return "console/persons";
        }
        return persons.find(q).map(p -> "redirect:/console/persons/" + p).orElseGet(() -> {
            model.addAttribute("error", "persons.notFound");
            return "console/persons";
        });
    }

    @GetMapping("/console/persons/{psnNo}")
    String person(@PathVariable String psnNo, @RequestParam(name = "reveal", defaultValue = "false") boolean reveal,
            HttpServletRequest req, Model model, Locale locale) {
        if (!psnNo.matches("\\d{20}") || persons.holder(psnNo).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        auditLog.read(req, psnNo);
        var profile = registry.profile(psnNo);
        boolean mayReveal = req.isUserInRole("OPERATOR") || req.isUserInRole("ADMIN");
        boolean shown = reveal && mayReveal;
        if (shown) {
            audit.info("{} viewed the full ID number and name of {}", req.getRemoteUser(), psnNo);
        }
        int year = LocalDate.now(clock).getYear();
        model.addAttribute("p", profile);
        model.addAttribute("certno", shown ? profile.certno() : Mask.certno(profile.certno()));
        model.addAttribute("name", shown ? profile.psnName() : Mask.name(profile.psnName()));
        model.addAttribute("revealed", shown);
        model.addAttribute("mayReveal", mayReveal);
        var acc = limits.accumulators(psnNo, year);
        model.addAttribute("acc", acc);
        model.addAttribute("usedPct", cn.gongji.console.UsedShare.percent(acc.outpatientPoolPaid(), acc.outpatientPoolLimit()));
        model.addAttribute("account", accounts.head(psnNo));
        model.addAttribute("ay", accounts.year(psnNo, year));
        List<Entry> entries = accounts.entries(psnNo);
        model.addAttribute("entries", entries.reversed().stream().limit(ENTRIES).toList());
        model.addAttribute("entryCount", entries.size());
        model.addAttribute("family", shown ? persons.family(psnNo)
                : persons.family(psnNo).stream().map(PersonQueries.Family::masked).toList());
        List<SettlementView> settlements = persons.settlements(psnNo, SETTLEMENTS);
        Map<String, List<String>> why = new LinkedHashMap<>();
        for (SettlementView s : settlements) {
            why.put(s.setlId(), Explanation.sentences(s, clock.getZone(), messages, locale));
        }
        model.addAttribute("settlements", settlements);
        model.addAttribute("why", why);
        model.addAttribute("zone", clock.getZone());
        model.addAttribute("insuredPassword", insured.setInfo(psnNo, clock.getZone()).orElse(null));
        return "console/person";
    }

    @PostMapping("/console/persons/{psnNo}/insured-password")
    String setInsuredPassword(@PathVariable String psnNo, @RequestParam("password") String password,
            HttpServletRequest req, RedirectAttributes flash) {
        if (!psnNo.matches("\\d{20}") || persons.holder(psnNo).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        if (password == null || password.length() < InsuredCredentials.MIN_PASSWORD || password.length() > 128
                || password.isBlank()) {
            flash.addFlashAttribute("pwError", "persons.password.tooShort");
        } else {
            insured.set(psnNo, password, req.getRemoteUser());
            audit.info("{} set the insured sign-in password of {}", req.getRemoteUser(), psnNo);
            flash.addFlashAttribute("pwDone", true);
        }
        return "redirect:/console/persons/" + psnNo + "#insured";
    }
}
