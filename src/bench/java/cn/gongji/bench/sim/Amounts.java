package cn.gongji.bench.sim;

import java.math.BigDecimal;
import tools.jackson.databind.JsonNode;

/** Reads amounts that may come as JSON numbers or strings; sums line splits. */
final class Amounts {

    private Amounts() {}

    static BigDecimal of(JsonNode n) {
        if (n == null || n.isMissingNode() || n.isNull()) {
            return null;
        }
        if (n.isNumber()) {
            return n.decimalValue();
        }
        if (n.isString()) {
            try {
                return new BigDecimal(n.stringValue().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    static BigDecimal orZero(JsonNode n) {
        BigDecimal b = of(n);
        return b == null ? BigDecimal.ZERO : b;
    }

    /** Σ field over the rows of an array (2204 result[]). */
    static BigDecimal sum(JsonNode rows, String field) {
        BigDecimal s = BigDecimal.ZERO;
        for (JsonNode r : rows) {
            s = s.add(orZero(r.path(field)));
        }
        return s;
    }

    static String text(JsonNode n) {
        if (n == null || n.isMissingNode() || n.isNull()) {
            return null;
        }
        return n.isString() ? n.stringValue() : n.toString();
    }
}
