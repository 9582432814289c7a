package cn.gongji.supervision;

import cn.gongji.common.Money;
import java.util.List;

/**
 * One rule's finding: what is wrong (content, Chinese for the operator), how much money it
 * concerns, the evidence (facts and the parameter values that decided it) and the fee lines
 * involved (feedetl_sn), if any.
 *
 * @param subject what the finding is about (setl_id, mdtrt_id, a payer's psn_no …): with the rule
 *                id it is the finding's identity, so re-running a rule never duplicates it
 */
public record Finding(RuleDef rule, String subject, String content, Money amount, String evidence, List<String> items) {

    public Finding {
        items = List.copyOf(items);
    }

    public String key() {
        return rule.id() + ":" + subject;
    }

    public boolean violation() {
        return rule.violation();
    }

    /** One line of setl_proc_info / an err_msg: [R07 短期内频繁就诊·可疑] content（依据…）. */
    public String describe() {
        return "[" + rule.id() + " " + rule.name() + "·" + rule.resultType().label() + "] " + content + "（证据：" + evidence
                + "）";
    }
}
