package cn.gongji.supervision;

import java.util.List;

/**
 * The supervision hook of the settlement paths (事前 at 2204, 事中 at 2206/2207 and the pharmacy's
 * 2101/2102): one call each, inside the caller's transaction.
 *
 * <p>A clear violation (明确违规) refuses: the implementation throws the protocol's business refusal
 * ({@code cn.gongji.settlement.HisBusinessException}, infcode −2) naming the rule and its evidence,
 * and the caller's transaction rolls back. Suspicious findings (可疑) are recorded as warnings when
 * {@link SettlementFacts#setlId()} is set, and returned so the caller can append them to
 * {@code setl_proc_info}.
 */
public interface SettlementChecks {

    /** 事中: every claim rule for the stage DURING. */
    Checked check(SettlementFacts facts);

    /**
     * How many days before a visit the person's history must reach for {@link #check}: a caller that
     * reads the history in its own statement puts it in {@link SettlementFacts#history()}.
     */
    int historyDays();

    /**
     * 事前 at fee upload: the item rules that refuse a line (quantity, sex, age, institution level).
     * {@code facts.lines()}: the visit's open lines already uploaded, then the batch's.
     */
    void checkUpload(SettlementFacts facts);

    /** What the settlement goes on with: its suspicious findings. */
    record Checked(List<Finding> suspicious) {

        public static final Checked NONE = new Checked(List.of());

        public Checked {
            suspicious = List.copyOf(suspicious);
        }

        /** Lines for setl_proc_info: empty when nothing was found. */
        public List<String> procInfo() {
            if (suspicious.isEmpty()) {
                return List.of();
            }
            List<String> out = new java.util.ArrayList<>();
            out.add("智能监控：" + suspicious.size() + " 条可疑提示，已记录待审核");
            suspicious.forEach(f -> out.add(f.describe()));
            return out;
        }
    }
}
