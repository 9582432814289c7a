package cn.gongji.ops.pii;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encryption of ID numbers at rest (AES-256-GCM, a random 96-bit nonce per value, the key version
 * as associated data) and a keyed hash for lookup (HMAC-SHA256, so equal ID numbers can be found
 * without decrypting and the hash cannot be reversed by enumerating the ~10^9 plausible numbers
 * without the key). Both keys derive from one master key ({@code gongji.pii.key}: 32 bytes,
 * base64) by HMAC with distinct labels, so the lookup key never encrypts and vice versa.
 *
 * <p>Stored form: {@code v1:<base64(nonce | ciphertext+tag)>}; the version prefix lets keys rotate
 * (decrypt with the old, re-encrypt with the new).
 *
 * <p>Every settlement decrypts an ID number, so no call looks up a provider ({@code getInstance}
 * walks the provider list each time): Cipher objects, which are not thread-safe, are lent from a
 * small pool (each use initialises its borrowed Cipher afresh with a new nonce) and the keyed
 * hash clones one Mac initialised once (cloning only reads it).
 */
public final class PiiCrypto {

    private static final String VERSION = "v1";
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;

    private static final byte[] AAD = VERSION.getBytes(StandardCharsets.US_ASCII);
    private static final String AES_GCM = "AES/GCM/NoPadding";
    private static final String HMAC = "HmacSHA256";
    /** Cipher objects kept for reuse: about the number of settlements decrypting at once; more are dropped. */
    private static final int POOL_MAX = 64;

    private final SecretKey encKey;
    private final SecretKey macKey;
    private final SecureRandom random = new SecureRandom();
    private final Provider aesProvider;
    private final Queue<Cipher> ciphers = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pooled = new AtomicInteger();
    private final Mac macPrototype;
    private final boolean macCloneable;

    public PiiCrypto(byte[] masterKey) {
        if (masterKey == null || masterKey.length != 32) {
            throw new IllegalArgumentException("gongji.pii.key must be 32 bytes, base64 (e.g. openssl rand -base64 32)");
        }
        this.encKey = new SecretKeySpec(derive(masterKey, "gongji-pii-enc-v1"), "AES");
        this.macKey = new SecretKeySpec(derive(masterKey, "gongji-pii-mac-v1"), "HmacSHA256");
        try {
            Cipher first = Cipher.getInstance(AES_GCM);
            this.aesProvider = first.getProvider();
            release(first);
            this.macPrototype = Mac.getInstance(HMAC);
            macPrototype.init(macKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        this.macCloneable = cloneable(macPrototype);
    }

    public static PiiCrypto fromBase64(String key) {
        try {
            return new PiiCrypto(Base64.getDecoder().decode(key.strip()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("gongji.pii.key must be 32 bytes, base64 (e.g. openssl rand -base64 32)", e);
        }
    }

    public String encrypt(String plain) {
        try {
            byte[] nonce = new byte[NONCE];
            random.nextBytes(nonce);
            Cipher c = borrow();
            byte[] ct;
            try {
                c.init(Cipher.ENCRYPT_MODE, encKey, new GCMParameterSpec(TAG_BITS, nonce));
                c.updateAAD(AAD);
                ct = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            } finally {
                release(c);
            }
            return VERSION + ":" + Base64.getEncoder().encodeToString(ByteBuffer.allocate(NONCE + ct.length).put(nonce).put(ct).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @throws IllegalArgumentException when the value was not made with this key or was altered */
    public String decrypt(String stored) {
        if (stored == null || !stored.startsWith(VERSION + ":")) {
            throw new IllegalArgumentException("not a " + VERSION + " encrypted value");
        }
        try {
            byte[] all = Base64.getDecoder().decode(stored.substring(VERSION.length() + 1));
            Cipher c = borrow();
            try {
                c.init(Cipher.DECRYPT_MODE, encKey, new GCMParameterSpec(TAG_BITS, all, 0, NONCE));
                c.updateAAD(AAD);
                return new String(c.doFinal(all, NONCE, all.length - NONCE), StandardCharsets.UTF_8);
            } finally {
                release(c);
            }
        } catch (javax.crypto.AEADBadTagException e) {
            throw new IllegalArgumentException("the value was altered or encrypted with another key", e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("unreadable encrypted value", e);
        }
    }

    /** Lookup hash of an ID number, normalised (trimmed, X upper-case): lowercase hex. */
    public String hash(String certno) {
        try {
            Mac mac = mac();
            return HexFormat.of().formatHex(mac.doFinal(certno.strip().toUpperCase().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A Cipher no other thread holds; the caller initialises it (a borrowed one keeps its last key and nonce). */
    private Cipher borrow() throws GeneralSecurityException {
        Cipher c = ciphers.poll();
        if (c == null) {
            return Cipher.getInstance(AES_GCM, aesProvider);
        }
        pooled.decrementAndGet();
        return c;
    }

    private void release(Cipher c) {
        if (pooled.incrementAndGet() <= POOL_MAX) {
            ciphers.offer(c);
        } else {
            pooled.decrementAndGet();
        }
    }

    /** A Mac with the lookup key, for this call only. */
    private Mac mac() throws GeneralSecurityException {
        if (macCloneable) {
            try {
                return (Mac) macPrototype.clone();
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException(e);
            }
        }
        Mac mac = Mac.getInstance(HMAC, macPrototype.getProvider());
        mac.init(macKey);
        return mac;
    }

    private static boolean cloneable(Mac m) {
        try {
            m.clone();
            return true;
        } catch (CloneNotSupportedException e) {
            return false;
        }
    }

    private static byte[] derive(byte[] master, String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(master, "HmacSHA256"));
            byte[] k = mac.doFinal(label.getBytes(StandardCharsets.US_ASCII));
            return Arrays.copyOf(k, 32);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
