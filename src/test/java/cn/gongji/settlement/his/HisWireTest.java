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
    void a_number_with_a_huge_exponent_is_refused_before_it_is_expanded_and_quoted_short() {
        Fields f = Fields.of(JSON.readTree("{\"s\":\"1e100000\",\"n\":1e100000,\"z\":\"0e100000\",\"tiny\":\"1e-100000\"}"),
                "input.data");
        for (String name : java.util.List.of("s", "n")) {
            assertThatThrownBy(() -> f.money(name)).isInstanceOf(HisBusinessException.class)
                    .hasMessageContaining("input.data." + name).hasMessageContaining("10^12")
                    .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(500));
        }
        assertThat(f.money("z").amount()).isEqualByComparingTo("0");
        assertThatThrownBy(() -> f.money("tiny")).hasMessageContaining("最多 2 位小数");
        Fields huge = Fields.of(JSON.readTree("{\"s\":\"1e999999999\",\"n\":-1e999999999,\"long\":\"" + "1".repeat(5000) + "\"}"), "d");
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(5), () -> {
            assertThatThrownBy(() -> huge.decimal("s", 6)).hasMessageContaining("d.s");
            assertThatThrownBy(() -> huge.decimal("n", 4)).hasMessageContaining("d.n");
            assertThatThrownBy(() -> huge.decimal("long", 2)).hasMessageContaining("d.long")
                    .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(500));
        });
    }

    @Test
    void amounts_prices_and_quantities_must_fit_their_columns() {
        Fields f = Fields.of(JSON.readTree("""
                {"amt":999999999999.99,"amt_over":1000000000000,"amt_neg":"-1000000000000.00",
                 "pric":"9999999999.999999","pric_over":10000000000,
                 "cnt":999999999999.9999,"cnt_over":"1e12","count_over":1e12}"""), "input.feedetail[0]");
        assertThat(f.money("amt").amount()).isEqualByComparingTo("999999999999.99");
        assertThat(f.decimal("pric", 6)).isEqualByComparingTo("9999999999.999999");
        assertThat(f.decimal("cnt", 4)).isEqualByComparingTo("999999999999.9999");
        assertThatThrownBy(() -> f.money("amt_over")).hasMessageContaining("input.feedetail[0].amt_over").hasMessageContaining("10^12");
        assertThatThrownBy(() -> f.optMoney("amt_neg")).hasMessageContaining("amt_neg");
        assertThatThrownBy(() -> f.decimal("pric_over", 6)).hasMessageContaining("pric_over").hasMessageContaining("10^10");
        assertThatThrownBy(() -> f.decimal("cnt_over", 4)).hasMessageContaining("cnt_over").hasMessageContaining("10^12");
        assertThatThrownBy(() -> f.optDecimal("count_over", 0)).hasMessageContaining("count_over");
    }

    @Test
    void body_hash_of_a_number_with_a_huge_exponent_is_made_without_expanding_it() {
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(5), () -> {
            String a = BodyHash.of("2207", JSON.readTree("{\"data\":{\"medfee_sumamt\":1e999999999}}"));
            String b = BodyHash.of("2207", JSON.readTree("{\"data\":{\"medfee_sumamt\":10e999999998}}"));
            String c = BodyHash.of("2207", JSON.readTree("{\"data\":{\"medfee_sumamt\":1e999999998}}"));
            assertThat(a).isEqualTo(b).isNotEqualTo(c);
        });
        assertThat(BodyHash.number(new java.math.BigDecimal("1e3"))).isEqualTo("1000");
        assertThat(BodyHash.number(new java.math.BigDecimal("12.500"))).isEqualTo("12.5");
    }

    @Test
    void an_impossible_date_or_time_is_refused_naming_the_field_and_quoting_what_was_sent() {
        Fields f = Fields.of(JSON.readTree("""
                {"nov31":"2026-11-31 08:00:00","feb30":"2026-02-30 10:00:00","h24":"2026-11-30 24:00:00",
                 "d_feb30":"2026-02-30","d_plus":"+12026-01-01","ok":"2024-02-29 23:59:59","d_ok":"2024-02-29"}"""), "input.data");
        for (String name : java.util.List.of("nov31", "feb30", "h24")) {
            String sent = f.node().path(name).asString();
            assertThatThrownBy(() -> f.dateTime(name)).isInstanceOf(HisBusinessException.class)
                    .hasMessageContaining("input.data." + name).hasMessageContaining(sent);
            assertThatThrownBy(() -> java.time.LocalDateTime.parse(sent, Fields.DATE_TIME)).as(sent)
                    .isInstanceOf(java.time.format.DateTimeParseException.class);
        }
        for (String name : java.util.List.of("d_feb30", "d_plus")) {
            assertThatThrownBy(() -> f.optDate(name)).hasMessageContaining("input.data." + name)
                    .hasMessageContaining(f.node().path(name).asString());
        }
        assertThat(f.dateTime("ok")).isEqualTo(java.time.LocalDateTime.of(2024, 2, 29, 23, 59, 59));
        assertThat(f.optDate("d_ok")).isEqualTo(java.time.LocalDate.of(2024, 2, 29));
    }

    @Test
    void a_month_is_yyyymm_with_a_month_that_exists() {
        Fields f = Fields.of(JSON.readTree("""
                {"m13":"202613","m00":"202600","dash":"2026-13","ok":"202611","ok_dash":"2026-11"}"""), "input.data");
        for (String name : java.util.List.of("m13", "m00", "dash")) {
            assertThatThrownBy(() -> f.optMonth(name)).hasMessageContaining("input.data." + name)
                    .hasMessageContaining(f.node().path(name).asString());
        }
        assertThat(f.optMonth("ok")).isEqualTo(java.time.YearMonth.of(2026, 11));
        assertThat(f.optMonth("ok_dash")).isEqualTo(java.time.YearMonth.of(2026, 11));
        assertThat(f.optMonth("absent")).isNull();
    }

    @Test
    void a_long_bad_value_is_quoted_by_a_short_prefix_only() {
        String junk = "x".repeat(5000);
        Fields f = Fields.of(JSON.readTree("{\"flag\":\"" + junk + "\",\"code\":\"" + junk + "\",\"t\":\"" + junk + "\"}"), "d");
        assertThatThrownBy(() -> f.flag("flag", false)).satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(500));
        assertThatThrownBy(() -> f.code("code", "1", "2")).satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(500));
        assertThatThrownBy(() -> f.dateTime("t")).satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(500)
                .contains("5000"));
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
