package cn.gongji.settlement.his;

import cn.gongji.common.Money;
import cn.gongji.settlement.Formats;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import tools.jackson.databind.node.ObjectNode;

/** Null-safe writers for output nodes: amounts as JSON numbers, dates in the protocol's formats. */
public final class Out {

    private Out() {}

    public static void money(ObjectNode o, String name, Money m) {
        if (m == null) {
            o.putNull(name);
        } else {
            o.put(name, m.amount());
        }
    }

    public static void num(ObjectNode o, String name, BigDecimal d) {
        if (d == null) {
            o.putNull(name);
        } else {
            o.put(name, d);
        }
    }

    /** Without trailing zeros, never in exponent form (20.000000 → 20, 9.500000 → 9.5). */
    public static BigDecimal plain(BigDecimal d) {
        if (d == null) {
            return null;
        }
        BigDecimal s = d.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    public static void date(ObjectNode o, String name, LocalDate d) {
        o.put(name, d == null ? null : d.toString());
    }

    public static void dateTime(ObjectNode o, String name, LocalDateTime t) {
        o.put(name, t == null ? null : t.format(Formats.DATE_TIME));
    }
}
