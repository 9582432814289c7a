package cn.gongji.supervision.hook;

import cn.gongji.settlement.HisBusinessException;
import cn.gongji.supervision.Claim;
import cn.gongji.supervision.Finding;
import cn.gongji.supervision.RuleEngine;
import cn.gongji.supervision.RuleSettings;
import cn.gongji.supervision.Rules;
import cn.gongji.supervision.SettlementChecks;
import cn.gongji.supervision.SettlementFacts;
import cn.gongji.supervision.Stage;
import cn.gongji.supervision.db.ClaimLoader;
import cn.gongji.supervision.db.ReviewService;
import cn.gongji.supervision.db.RuleStore;
import cn.gongji.supervision.db.WarningStore;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The settlement paths' supervision hook: loads what the rules need (catalog limits; the person's
 * recent visits and recorded death — two queries; at fee upload the catalog limits only, cached), runs them, refuses on a clear violation and
 * records suspicious findings as warnings in the caller's transaction.
 */
@Component
public class SupervisionHook implements SettlementChecks {

    private final RuleStore rules;
    private final ClaimLoader loader;
    private final WarningStore warnings;
    private final ReviewService review;
    private final Clock clock;

    public SupervisionHook(RuleStore rules, ClaimLoader loader, WarningStore warnings, ReviewService review, Clock clock) {
        this.rules = rules;
        this.loader = loader;
        this.warnings = warnings;
        this.review = review;
        this.clock = clock;
    }

    @Override
    public int historyDays() {
        return rules.settings().historyDays();
    }

    @Override
    public Checked check(SettlementFacts facts) {
        RuleSettings settings = rules.settings();
        Claim claim = loader.claim(facts, settings.historyDays());
        List<Finding> found = RuleEngine.evaluate(claim, Stage.DURING, settings);
        refuseViolations(found, "结算");
        if (found.isEmpty()) {
            return Checked.NONE;
        }
        if (facts.setlId() != null) {
            OffsetDateTime now = OffsetDateTime.now(clock);
            for (Finding f : found) {
                warnings.record(f, new WarningStore.Subject("settlement", facts.setlId(), facts.mdtrtId(), facts.psnNo(),
                        facts.fixmedinsCode(), facts.begntime().toLocalDate(), null), now, review.firstDue(now));
            }
        }
        return new Checked(found);
    }

    /**
     * 2204: {@code facts.lines()} are the visit's lines already uploaded and not settled together with
     * the batch's (the caller read them under the visit's lock), so a per-visit quantity counts both;
     * only the clear-violation item rules of the stage BEFORE refuse.
     */
    @Override
    public void checkUpload(SettlementFacts facts) {
        RuleSettings settings = rules.settings();
        Claim claim = loader.itemsOnly(facts);
        List<Finding> found = RuleEngine.evaluate(claim, Stage.BEFORE, settings).stream().filter(Finding::violation).toList();
        refuseViolations(found, "上传费用明细");
    }

    static void refuseViolations(List<Finding> found, String what) {
        List<Finding> v = found.stream().filter(Finding::violation).toList();
        if (v.isEmpty()) {
            return;
        }
        List<String> zh = new ArrayList<>();
        List<String> en = new ArrayList<>();
        for (Finding f : v) {
            zh.add(f.describe());
            en.add(f.rule().id() + " " + Rules.english(f.rule().id()) + (f.items().isEmpty() ? "" : " (lines " + String.join(", ", f.items()) + ")"));
        }
        throw new HisBusinessException("SUPERVISION_" + v.getFirst().rule().id(), "智能监控发现明确违规，不予" + what + "："
                + String.join("；", zh) + " / refused by supervision rule " + String.join("; ", en));
    }
}
