package cn.gongji.console.person;

import cn.gongji.common.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;

/**
 * Why a settlement paid what it did, in words staff can read in Chinese or English: steps built
 * from the stored amounts of the settlement row (each step a message key of
 * {@code console/messages*.properties} with its arguments). The stored trace, written by the
 * settlement core at the time, is shown beside it as the record.
 */
public final class Explanation {

    public record Step(String key, List<Object> args) {}

    /** An argument that is itself a message key (a level's name), resolved in the reader's language. */
    public record Label(String key) {}

    /** The explanation as sentences in the reader's language. */
    public static List<String> sentences(SettlementView s, ZoneId zone, MessageSource messages, Locale locale) {
        List<String> out = new ArrayList<>();
        for (Step st : of(s, zone)) {
            Object[] args = st.args().stream()
                    .map(a -> a instanceof Label l ? messages.getMessage(l.key(), null, l.key(), locale) : a)
                    .toArray();
            out.add(messages.getMessage(st.key(), args, locale));
        }
        return out;
    }

    private Explanation() {}

    public static List<Step> of(SettlementView s, ZoneId zone) {
        List<Step> out = new ArrayList<>();
        if (s.reversal()) {
            out.add(step("explain.reversal", s.refdSetlId(), s.fundPay().negate(), s.acctPay().negate(),
                    s.cash().negate()));
            return out;
        }
        out.add(step("explain.total", s.medfee(), s.ownpay(), s.overlimit(), s.prepay(), s.inScope()));
        boolean pooled = s.level() != null && (s.fundPay().signum() != 0 || s.ratio().signum() != 0);
        if (!pooled) {
            out.add(step("explain.notPooled", s.medfee()));
        } else {
            out.add(step("explain.deductible", s.deductible(), new Label("level." + s.level())));
            Money eligible = Money.of(s.inScope()).minus(Money.of(s.deductible()));
            Money raw = eligible.times(s.ratio(), RoundingMode.HALF_UP);
            out.add(step("explain.ratio", s.inScope(), s.deductible(), percent(s.ratio()), raw.amount()));
            Money after = Money.of(s.remainingBefore()).minus(Money.of(s.fundPay()));
            if (Money.of(s.fundPay()).compareTo(raw) < 0) {
                out.add(step("explain.limitCapped", s.remainingBefore(), s.fundPay(), raw.minus(Money.of(s.fundPay())).amount()));
            } else {
                out.add(step("explain.limit", s.remainingBefore(), s.fundPay(), after.amount()));
            }
        }
        out.add(step("explain.personal", s.personal(), s.medfee(), s.fundPay()));
        BigDecimal own = s.acctPay().subtract(s.mulaidPay());
        out.add(step("explain.paidBy", own, s.mulaidPay(), s.cash()));
        if (s.cancelledAt() != null) {
            out.add(step("explain.cancelled", s.cancelledAt().atZoneSameInstant(zone).toLocalDateTime().withNano(0).toString().replace('T', ' ')));
        }
        return out;
    }

    private static String percent(BigDecimal ratio) {
        return ratio.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }

    private static Step step(String key, Object... args) {
        List<Object> a = new ArrayList<>();
        for (Object o : args) {
            a.add(o instanceof BigDecimal b ? b.setScale(Math.max(2, b.scale()), RoundingMode.UNNECESSARY).toPlainString() : o);
        }
        return new Step(key, a);
    }
}
