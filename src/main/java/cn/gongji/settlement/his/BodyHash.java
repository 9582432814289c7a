package cn.gongji.settlement.his;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import tools.jackson.databind.JsonNode;

/**
 * What makes two messages "the same body" for idempotency: SHA-256 of infno and the canonical form
 * of {@code input} (object keys sorted, numbers without trailing zeros, strings as sent). The rest
 * of the envelope (inf_time, opter, sign_no...) is deliberately left out, so a retry that only
 * refreshes inf_time still matches.
 */
final class BodyHash {

    private BodyHash() {}

    static String of(String infno, JsonNode input) {
        StringBuilder sb = new StringBuilder(2048).append(infno).append('\n');
        canonical(input, sb);
        return HexFormat.of().formatHex(Sha256.digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
    }

    static void canonical(JsonNode n, StringBuilder sb) {
        if (n.isObject()) {
            // the names sorted as Strings (no comparator over entries), then each value by its name
            String[] names = n.propertyNames().toArray(String[]::new);
            Arrays.sort(names);
            sb.append('{');
            for (String name : names) {
                sb.append('"').append(name).append("\":");
                canonical(n.get(name), sb);
                sb.append(',');
            }
            sb.append('}');
        } else if (n.isArray()) {
            sb.append('[');
            for (JsonNode v : n.values()) {
                canonical(v, sb);
                sb.append(',');
            }
            sb.append(']');
        } else if (n.isNumber()) {
            sb.append(n.decimalValue().stripTrailingZeros().toPlainString());
        } else if (n.isString()) {
            sb.append('"').append(n.asString().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        } else {
            sb.append(n.toString());
        }
    }
}
