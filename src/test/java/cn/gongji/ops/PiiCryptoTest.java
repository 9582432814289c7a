package cn.gongji.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gongji.ops.pii.PiiCrypto;
import java.util.Base64;
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
    void a_key_that_is_not_32_bytes_of_base64_is_refused_at_start() {
        assertThatThrownBy(() -> PiiCrypto.fromBase64("c2hvcnQ=")).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> PiiCrypto.fromBase64("not base64!")).hasMessageContaining("32 bytes");
    }
}
