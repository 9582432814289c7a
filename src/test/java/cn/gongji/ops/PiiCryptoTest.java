package cn.gongji.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gongji.ops.pii.PiiCrypto;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class PiiCryptoTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String OTHER = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    @Test
    void an_encrypted_id_number_decrypts_to_itself_and_never_shows_it() {
        PiiCrypto c = PiiCrypto.fromBase64(KEY);
        String enc = c.encrypt("410102199001011234");
        assertThat(enc).startsWith("v1:").doesNotContain("410102199001011234");
        assertThat(c.decrypt(enc)).isEqualTo("410102199001011234");
    }

    @Test
    void encrypting_twice_gives_different_ciphertexts_but_the_same_lookup_hash() {
        PiiCrypto c = PiiCrypto.fromBase64(KEY);
        assertThat(c.encrypt("410102199001011234")).isNotEqualTo(c.encrypt("410102199001011234"));
        assertThat(c.hash("41010219900101123x")).isEqualTo(c.hash(" 41010219900101123X")).hasSize(64);
    }

    @Test
    void the_lookup_hash_is_hmac_sha256_under_the_key_derived_for_lookups() throws Exception {
        javax.crypto.Mac m = javax.crypto.Mac.getInstance("HmacSHA256");
        m.init(new javax.crypto.spec.SecretKeySpec(new byte[32], "HmacSHA256"));
        byte[] lookupKey = m.doFinal("gongji-pii-mac-v1".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        m.init(new javax.crypto.spec.SecretKeySpec(lookupKey, "HmacSHA256"));
        String expected = java.util.HexFormat.of().formatHex(m.doFinal("41010219900101123X".getBytes(java.nio.charset.StandardCharsets.UTF_8)));

        assertThat(PiiCrypto.fromBase64(KEY).hash("41010219900101123x ")).isEqualTo(expected);
    }

    @Test
    void the_lookup_hash_depends_on_the_key() {
        assertThat(PiiCrypto.fromBase64(KEY).hash("410102199001011234"))
                .isNotEqualTo(PiiCrypto.fromBase64(OTHER).hash("410102199001011234"));
    }

    @Test
    void a_value_altered_or_encrypted_with_another_key_is_refused() {
        String enc = PiiCrypto.fromBase64(KEY).encrypt("410102199001011234");
        assertThatThrownBy(() -> PiiCrypto.fromBase64(OTHER).decrypt(enc)).isInstanceOf(IllegalArgumentException.class);
        char[] chars = enc.toCharArray();
        chars[10] = chars[10] == 'A' ? 'B' : 'A';
        assertThatThrownBy(() -> PiiCrypto.fromBase64(KEY).decrypt(new String(chars)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_refused_value_leaves_the_reused_ciphers_working() {
        PiiCrypto c = PiiCrypto.fromBase64(KEY);
        String enc = c.encrypt("410102199001011234");
        char[] chars = enc.toCharArray();
        chars[10] = chars[10] == 'A' ? 'B' : 'A';
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> c.decrypt(new String(chars))).isInstanceOf(IllegalArgumentException.class);
            assertThat(c.decrypt(enc)).isEqualTo("410102199001011234");
            assertThat(c.decrypt(c.encrypt("41010219900101123X"))).isEqualTo("41010219900101123X");
        }
    }

    @Test
    void many_threads_at_once_each_get_their_own_values_back() throws Exception {
        PiiCrypto c = PiiCrypto.fromBase64(KEY);
        String expectedHash = c.hash("410102199001011234");
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Boolean>> all = new ArrayList<>();
            for (int t = 0; t < 200; t++) {
                String id = String.format("4101021990%08d", t);
                all.add(pool.submit(() -> {
                    boolean ok = true;
                    for (int i = 0; i < 50; i++) {
                        ok &= c.decrypt(c.encrypt(id)).equals(id);
                        ok &= c.hash("410102199001011234").equals(expectedHash);
                    }
                    return ok;
                }));
            }
            for (Future<Boolean> f : all) {
                assertThat(f.get()).isTrue();
            }
        }
        assertThat(c.hash("410102199001011234")).as("the shared Mac was never used itself").isEqualTo(expectedHash);
    }

    @Test
    void a_key_that_is_not_32_bytes_of_base64_is_refused_at_start() {
        assertThatThrownBy(() -> PiiCrypto.fromBase64("c2hvcnQ=")).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> PiiCrypto.fromBase64("not base64!")).hasMessageContaining("32 bytes");
    }
}
