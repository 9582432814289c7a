package cn.gongji.settlement.his;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import tools.jackson.databind.JsonNode;

/**
 * What makes two messages "the same body" for idempotency: SHA-256 of infno and the canonical form
 * of {@code input} (object keys sorted, numbers without trailing zeros, strings as sent). The rest
 * of the envelope (inf_time, opter, sign_no...) is deliberately left out, so a retry that only
 * refreshes inf_time still matches.
 *
 * <p>The canonical form is fed to the digest as it is made (its UTF-8 bytes, the same bytes as the
 * text's {@code getBytes(UTF_8)}: hashes stored before stay comparable, HisWireTest), not built as
 * one text first: that text, grown and then encoded, was one of the larger allocations of a message.
 */
final class BodyHash {

    private BodyHash() {}

    static String of(String infno, JsonNode input) {
        Utf8Digest out = new Utf8Digest(Sha256.fresh());
        out.text(infno).ascii('\n');
        canonical(input, out);
        return HexFormat.of().formatHex(out.digest());
    }

    private static void canonical(JsonNode n, Utf8Digest out) {
        if (n.isObject()) {
            // the names sorted as Strings (no comparator over entries), then each value by its name
            String[] names = n.propertyNames().toArray(String[]::new);
            Arrays.sort(names);
            out.ascii('{');
            for (String name : names) {
                out.ascii('"').text(name).ascii('"').ascii(':');
                canonical(n.get(name), out);
                out.ascii(',');
            }
            out.ascii('}');
        } else if (n.isArray()) {
            out.ascii('[');
            for (JsonNode v : n.values()) {
                canonical(v, out);
                out.ascii(',');
            }
            out.ascii(']');
        } else if (n.isNumber()) {
            out.text(number(n.decimalValue()));
        } else if (n.isString()) {
            out.ascii('"').text(n.asString().replace("\\", "\\\\").replace("\"", "\\\"")).ascii('"');
        } else {
            out.text(n.toString());
        }
    }

    /**
     * Without trailing zeros, plain. A number whose plain form would be longer than any number JSON
     * may spell out (Jackson reads at most 1000 characters) keeps its exponent: {@code 1e999999999}
     * is eleven characters on the wire and a billion digits plain. Every number written without an
     * exponent has the plain form it always had, so hashes stored before stay comparable.
     */
    static String number(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        return Math.abs(s.scale()) <= PLAIN_SCALE ? s.toPlainString() : s.toString();
    }

    private static final int PLAIN_SCALE = 1000;

    /** UTF-8 text into a digest through a small buffer; text that is not all ASCII is encoded by the JDK. */
    private static final class Utf8Digest {

        private final MessageDigest digest;
        private final byte[] buffer = new byte[512];
        private int used;

        Utf8Digest(MessageDigest digest) {
            this.digest = digest;
        }

        Utf8Digest ascii(char c) {
            if (used == buffer.length) {
                flush();
            }
            buffer[used++] = (byte) c;
            return this;
        }

        Utf8Digest text(String s) {
            for (int i = 0; i < s.length(); i++) {
                if (s.charAt(i) >= 0x80) {
                    flush();
                    digest.update(s.getBytes(StandardCharsets.UTF_8));
                    return this;
                }
            }
            for (int i = 0; i < s.length(); i++) {
                ascii(s.charAt(i));
            }
            return this;
        }

        byte[] digest() {
            flush();
            return digest.digest();
        }

        private void flush() {
            digest.update(buffer, 0, used);
            used = 0;
        }
    }
}
