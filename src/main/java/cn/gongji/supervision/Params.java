package cn.gongji.supervision;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/** A rule's parameters by name (rows of supervision_rule_param, defaults in {@link RuleDef#defaults()}). */
public record Params(Map<String, BigDecimal> values) {

    public Params {
        values = Map.copyOf(values);
    }

    public static Params of(Map<String, BigDecimal> values) {
        return new Params(values);
    }

    public BigDecimal get(String name) {
        BigDecimal v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no parameter " + name);
        }
        return v;
    }

    public int whole(String name) {
        return get(name).intValue();
    }

    /** These values over the given ones. */
    public Params over(Params base) {
        Map<String, BigDecimal> m = new TreeMap<>(base.values);
        m.putAll(values);
        return new Params(m);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(values).forEach((k, v) -> sb.append(sb.isEmpty() ? "" : ", ").append(k).append('=')
                .append(v.stripTrailingZeros().toPlainString()));
        return sb.toString();
    }
}
