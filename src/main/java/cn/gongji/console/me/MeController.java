package cn.gongji.console.me;

import cn.gongji.account.db.AccountQueries;
import cn.gongji.console.Mask;
import cn.gongji.console.person.Explanation;
import cn.gongji.console.person.PersonQueries;
import cn.gongji.console.person.SettlementView;
import cn.gongji.registry.LedgerQueries;
import java.security.Principal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The insured person's own page: balance, this year's pooling used and remaining, recent
 * settlements (with the same explanation staff see), and family use of the account both ways.
 * The principal's name is the person's psn_no (see InsuredUsers); nobody else's data is reachable.
 */
@Controller("consoleMeController")
class MeController {

    static final int SETTLEMENTS = 20;
    static final int FAMILY = 50;

    private final MeQueries me;
    private final PersonQueries persons;
    private final AccountQueries accounts;
    private final LedgerQueries limits;
    private final MessageSource messages;
    private final Clock clock;

    MeController(MeQueries me, PersonQueries persons, AccountQueries accounts, LedgerQueries limits,
            MessageSource messages, Clock clock) {
        this.me = me;
        this.persons = persons;
        this.accounts = accounts;
        this.limits = limits;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping({"/me", "/me/"})
    String page(Principal principal, Model model, Locale locale) {
        String psn = principal.getName();
        model.addAttribute("name", me.name(psn));
        model.addAttribute("certno", Mask.certno(me.certno(psn)));
        model.addAttribute("account", accounts.head(psn));
        int year = LocalDate.now(clock).getYear();
        model.addAttribute("ay", accounts.year(psn, year));
        var acc = limits.accumulators(psn, year);
        model.addAttribute("acc", acc);
        model.addAttribute("usedPct", cn.gongji.console.UsedShare.percent(acc.outpatientPoolPaid(), acc.outpatientPoolLimit()));
        List<SettlementView> settlements = persons.settlements(psn, SETTLEMENTS);
        Map<String, List<String>> why = new LinkedHashMap<>();
        for (SettlementView s : settlements) {
            why.put(s.setlId(), Explanation.sentences(s, clock.getZone(), messages, locale));
        }
        model.addAttribute("settlements", settlements);
        model.addAttribute("why", why);
        model.addAttribute("paidForOthers", me.paidForOthers(psn, FAMILY));
        model.addAttribute("paidForMe", me.paidForMe(psn, FAMILY));
        model.addAttribute("zone", clock.getZone());
        return "me/home";
    }
}
