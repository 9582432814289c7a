package cn.gongji.settlement.his;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gongji.settlement.HisBusinessException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** The wire-level pieces without a server: signature, body hash, nonce store, field reading. */
class HisWireTest {

    private static final ObjectMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    @Test
    void signature_matches_the_worked_example_in_docs_protocol() {
        assertThat(HisAuth.signature("1700000000", "s3cr3t-demo", "a1b2c3d4"))
                .isEqualTo("b9253fbb09c851796b7707eb34175cd5ae3cdaf548227ea92a07ebd24391c96f");
    }

    @Test
    void body_hash_ignores_key_order_and_trailing_zeros_but_not_values() {
        String a = BodyHash.of("2207", JSON.readTree("{\"data\":{\"a\":1,\"medfee_sumamt\":100.00}}"));
        String b = BodyHash.of("2207", JSON.readTree("{\"data\":{\"medfee_sumamt\":100.0,\"a\":1}}"));
        String c = BodyHash.of("2207", JSON.readTree("{\"data\":{\"medfee_sumamt\":100.01,\"a\":1}}"));
        String d = BodyHash.of("2206", JSON.readTree("{\"data\":{\"a\":1,\"medfee_sumamt\":100.00}}"));
        assertThat(a).isEqualTo(b).isNotEqualTo(c).isNotEqualTo(d);
    }

    @Test
    void body_hash_is_sha256_of_the_canonical_text_so_hashes_stored_before_stay_comparable() throws Exception {
        String canonical = "2207\n{\"data\":{\"B\":[1,\"x\\\"y\",],\"a\":1,\"b\":null,\"medfee_sumamt\":100,},}";
        String expected = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(canonical.getBytes(java.nio.charset.StandardCharsets.UTF_8)));

        assertThat(BodyHash.of("2207", JSON.readTree("{\"data\":{\"medfee_sumamt\":100.00,\"b\":null,\"a\":1,\"B\":[1.0,\"x\\\"y\"]}}")))
                .isEqualTo(expected);
    }

    /**
     * The hash fed as it is made equals SHA-256 of the whole canonical text's UTF-8 bytes, with text
     * that is not ASCII (Chinese, a character outside the BMP, a lone surrogate: the JDK's encoder
     * writes '?' for it) and a body longer than the digest's buffer.
     */
    @Test
    void body_hash_of_text_that_is_not_ascii_is_the_hash_of_the_whole_canonical_text() throws Exception {
        String body = "{\"data\":{\"psn_name\":\"张三\",\"memo\":\"\ud83d\ude00 ok\",\"odd\":\"a\ud800b\",\"n\":12.50,"
                + "\"long\":\"" + "长".repeat(400) + "x".repeat(700) + "\",\"path\":\"C:\\\\x\"}}";
        String canonical = "2201\n{\"data\":{\"long\":\"" + "长".repeat(400) + "x".repeat(700) + "\",\"memo\":\"\ud83d\ude00 ok\","
                + "\"n\":12.5,\"odd\":\"a\ud800b\",\"path\":\"C:\\\\x\",\"psn_name\":\"张三\",},}";
        String expected = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(canonical.getBytes(java.nio.charset.StandardCharsets.UTF_8)));

        assertThat(BodyHash.of("2201", JSON.readTree(body))).isEqualTo(expected);
    }

    @Test
    void a_nonce_is_single_use_until_it_expires() {
        NonceStore s = new NonceStore();
        assertThat(s.useOnce("H1", "n", 1300, 1000)).isTrue();
        assertThat(s.useOnce("H1", "n", 1300, 1100)).isFalse();
        assertThat(s.useOnce("H2", "n", 1300, 1100)).as("per institution").isTrue();
        assertThat(s.useOnce("H1", "n", 1700, 1400)).as("expired entries are reusable").isTrue();
    }

    @Test
    void expired_nonces_are_forgotten_by_the_sweep_at_most_every_ten_seconds() {
        NonceStore s = new NonceStore();
        for (int i = 0; i < 100; i++) {
            assertThat(s.useOnce("H1", "a" + i, 1300, 1000)).isTrue();
        }
        assertThat(s.useOnce("H1", "b", 1400, 1301)).isTrue();
        assertThat(s.size()).as("swept at 1000, next at 1010: 1301 sweeps the 100 expired").isEqualTo(1);
        assertThat(s.useOnce("H1", "c", 1305, 1302)).isTrue();
        assertThat(s.useOnce("H1", "d", 1500, 1306)).isTrue();
        assertThat(s.size()).as("no sweep before 1311").isEqualTo(3);
        assertThat(s.useOnce("H1", "c", 1600, 1306)).as("expired, reusable without a sweep").isTrue();
        assertThat(s.useOnce("H1", "e", 1700, 1700)).isTrue();
        assertThat(s.size()).isEqualTo(1);
    }

    @Test
    void a_date_and_time_is_read_exactly_as_the_formatter_reads_it() {
        java.util.List<String> texts = new java.util.ArrayList<>(java.util.List.of("2024-02-29 23:59:59", "2023-02-29 10:00:00",
                "2024-02-30 10:00:00", "2024-04-31 10:00:00", "2024-12-31 00:00:00", "0000-01-01 00:00:00", "0001-01-01 00:00:00",
                "2024-00-10 10:00:00", "2024-13-10 10:00:00", "2024-01-00 10:00:00", "2024-01-10 24:00:00", "2024-01-10 23:60:00",
                "2024-01-10 23:59:60", "2024-1-10 10:00:00", "2024/01/10 10:00:00", "2024-01-10  10:00:0", "+2024-01-10 10:00:0",
                "2024-01-10 10:00:00 ", "２０２４-01-10 10:00:00", "2024-01-1a 10:00:00", "-024-01-10 10:00:00", ""));
        java.util.Random r = new java.util.Random(7);
        for (int i = 0; i < 20_000; i++) {
            char[] c = "2024-02-28 12:34:56".toCharArray();
            int at = r.nextInt(c.length);
            c[at] = "0123456789-: +x".charAt(r.nextInt(15));
            texts.add(new String(c));
        }
        for (String t : texts) {
            Object expected;
            try {
                expected = java.time.LocalDateTime.parse(t, Fields.DATE_TIME);
            } catch (java.time.format.DateTimeParseException e) {
                expected = "refused";
            }
            Object actual;
            try {
                actual = Fields.parseDateTime(t);
            } catch (java.time.format.DateTimeParseException e) {
                actual = "refused";
            }
            assertThat(actual).as(t).isEqualTo(expected);
        }
    }

    @Test
    void fields_accept_numbers_as_strings_and_name_the_path_of_a_bad_value() {
        Fields f = Fields.of(JSON.readTree("{\"cnt\":\"2.5\",\"pric\":3,\"flag\":1,\"bad\":\"x\",\"deep\":1.234}"), "input.data");
        assertThat(f.decimal("cnt", 4)).isEqualByComparingTo("2.5");
        assertThat(f.decimal("pric", 6)).isEqualByComparingTo("3");
        assertThat(f.flag("flag", false)).isTrue();
        assertThatThrownBy(() -> f.decimal("bad", 2)).isInstanceOf(HisBusinessException.class).hasMessageContaining("input.data.bad");
        assertThatThrownBy(() -> f.money("deep")).hasMessageContaining("最多 2 位小数");
        assertThatThrownBy(() -> f.str("absent")).hasMessageContaining("input.data.absent");
    }

    @Test
    void envelope_requires_the_insured_area_when_the_input_names_a_person() {
        String body = """
                {"infno":"2201","msgid":"H00000000001202601010000000001","infver":"V1.0","inf_time":"2026-01-01 00:00:00",
                 "fixmedins_code":"H00000000001","input":{"data":{"psn_no":"1"}}}""";
        assertThatThrownBy(() -> Envelope.read(JSON.readTree(body))).hasMessageContaining("insuplc_admdvs");
        Envelope e = Envelope.read(JSON.readTree(body.replace("\"infver\"", "\"insuplc_admdvs\":\"411300\",\"infver\"")));
        assertThat(e.insuplcAdmdvs()).isEqualTo("411300");
    }
}
