package cn.gongji.supervision;

import static cn.gongji.supervision.ReviewAction.*;
import static cn.gongji.supervision.ReviewFlow.Actor.AGENCY;
import static cn.gongji.supervision.ReviewFlow.Actor.INSTITUTION;
import static cn.gongji.supervision.ReviewStatus.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReviewFlowTest {

    private static ReviewFlow.Step step(ReviewStatus from, ReviewAction a, ReviewFlow.Actor who) {
        return ReviewFlow.next(from, a, who, false);
    }

    @Test
    void a_warning_goes_from_first_review_through_appeal_to_confirmation() {
        assertThat(step(FIRST_REVIEW, ESCALATE, AGENCY)).isEqualTo(new ReviewFlow.Moved(SECOND_REVIEW));
        assertThat(step(SECOND_REVIEW, NOTIFY, AGENCY)).isEqualTo(new ReviewFlow.Moved(ReviewStatus.APPEAL));
        assertThat(step(ReviewStatus.APPEAL, ReviewAction.APPEAL, INSTITUTION)).isEqualTo(new ReviewFlow.Moved(VERIFICATION));
        assertThat(step(VERIFICATION, CONFIRM, AGENCY)).isEqualTo(new ReviewFlow.Moved(CONFIRMED));
    }

    @Test
    void any_open_warning_may_be_dismissed_and_a_closed_one_accepts_nothing() {
        for (ReviewStatus s : new ReviewStatus[] {FIRST_REVIEW, SECOND_REVIEW, ReviewStatus.APPEAL, VERIFICATION}) {
            assertThat(step(s, DISMISS, AGENCY)).isEqualTo(new ReviewFlow.Moved(DISMISSED));
        }
        assertThat(step(CONFIRMED, DISMISS, AGENCY)).isInstanceOf(ReviewFlow.Refused.class);
        assertThat(step(DISMISSED, ESCALATE, AGENCY)).isInstanceOf(ReviewFlow.Refused.class);
    }

    @Test
    void skipping_a_step_is_refused_with_a_reason_in_both_languages() {
        ReviewFlow.Step s = step(FIRST_REVIEW, CONFIRM, AGENCY);

        assertThat(s).isInstanceOfSatisfying(ReviewFlow.Refused.class, r -> {
            assertThat(r.zh()).contains("初审", "核实确认");
            assertThat(r.en()).contains("confirm", "first_review");
        });
    }

    @Test
    void only_the_institution_appeals_and_it_can_do_nothing_else() {
        assertThat(step(ReviewStatus.APPEAL, ReviewAction.APPEAL, AGENCY)).isInstanceOf(ReviewFlow.Refused.class);
        assertThat(step(VERIFICATION, CONFIRM, INSTITUTION)).isInstanceOf(ReviewFlow.Refused.class);
        assertThat(step(ReviewStatus.APPEAL, DISMISS, INSTITUTION)).isInstanceOf(ReviewFlow.Refused.class);
    }

    @Test
    void the_agency_moves_an_unanswered_appeal_to_verification_only_once_its_deadline_passed() {
        assertThat(ReviewFlow.next(ReviewStatus.APPEAL, LAPSE, AGENCY, false)).isInstanceOf(ReviewFlow.Refused.class);
        assertThat(ReviewFlow.next(ReviewStatus.APPEAL, LAPSE, AGENCY, true)).isEqualTo(new ReviewFlow.Moved(VERIFICATION));
    }

    @Test
    void each_open_state_falls_due_after_its_own_period_and_a_closed_one_never() {
        Instant t = Instant.parse("2024-03-01T00:00:00Z");
        Map<ReviewStatus, Duration> d = Map.of(FIRST_REVIEW, Duration.ofDays(10), ReviewStatus.APPEAL, Duration.ofDays(15));

        assertThat(ReviewFlow.dueAt(FIRST_REVIEW, t, d)).isEqualTo(Instant.parse("2024-03-11T00:00:00Z"));
        assertThat(ReviewFlow.dueAt(ReviewStatus.APPEAL, t, d)).isEqualTo(Instant.parse("2024-03-16T00:00:00Z"));
        assertThat(ReviewFlow.dueAt(CONFIRMED, t, d)).isNull();
    }
}
