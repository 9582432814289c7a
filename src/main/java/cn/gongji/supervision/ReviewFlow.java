package cn.gongji.supervision;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The review lifecycle as a pure state machine: which action moves a warning from which state, who
 * may take it, and when each state falls due.
 *
 * <pre>
 * first_review  --escalate--> second_review --notify--> appeal --appeal (institution)--> verification
 *                                                            \--lapse (agency, once overdue)--/      |
 *                                                              confirmed <--confirm--------------+
 * dismiss: from any open state --> dismissed
 * </pre>
 */
public final class ReviewFlow {

    private ReviewFlow() {}

    public enum Actor { AGENCY, INSTITUTION }

    public sealed interface Step permits Moved, Refused {}

    public record Moved(ReviewStatus to) implements Step {}

    /** Why the action is refused, Chinese and English. */
    public record Refused(String zh, String en) implements Step {}

    public static Step next(ReviewStatus from, ReviewAction action, Actor actor, boolean overdue) {
        if (from.terminal()) {
            return new Refused("预警已处理完毕（" + from.label() + "），不能再" + action.label(),
                    "the warning is closed (" + from.code() + "); no further action is possible");
        }
        if (actor == Actor.INSTITUTION && action != ReviewAction.APPEAL) {
            return new Refused("定点机构只能提交申诉", "an institution may only appeal");
        }
        ReviewStatus to = switch (action) {
            case ESCALATE -> from == ReviewStatus.FIRST_REVIEW ? ReviewStatus.SECOND_REVIEW : null;
            case NOTIFY -> from == ReviewStatus.SECOND_REVIEW ? ReviewStatus.APPEAL : null;
            case APPEAL -> from == ReviewStatus.APPEAL && actor == Actor.INSTITUTION ? ReviewStatus.VERIFICATION : null;
            case LAPSE -> from == ReviewStatus.APPEAL ? ReviewStatus.VERIFICATION : null;
            case CONFIRM -> from == ReviewStatus.VERIFICATION ? ReviewStatus.CONFIRMED : null;
            case DISMISS -> ReviewStatus.DISMISSED;
        };
        if (to == null) {
            if (action == ReviewAction.APPEAL && from == ReviewStatus.APPEAL) {
                return new Refused("申诉须由定点机构以本机构身份提交", "an appeal is made by the institution with its own credentials");
            }
            return new Refused("当前环节为" + from.label() + "，不能执行“" + action.label() + "”",
                    "action " + action.code() + " is not allowed in state " + from.code());
        }
        if (action == ReviewAction.LAPSE && !overdue) {
            return new Refused("申诉期限未到，不能按未申诉处理", "the appeal period has not ended yet");
        }
        return new Moved(to);
    }

    /** When a warning entering {@code status} at {@code at} falls due; null for a closed warning. */
    public static Instant dueAt(ReviewStatus status, Instant at, Map<ReviewStatus, Duration> deadlines) {
        Duration d = deadlines.get(status);
        return status.terminal() || d == null ? null : at.plus(d);
    }
}
