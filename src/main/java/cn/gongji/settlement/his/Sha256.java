package cn.gongji.settlement.his;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 for the per-message hashes (signature, body hash) without a provider lookup per message:
 * {@code MessageDigest.getInstance} walks the provider list on every call. A fresh digest is a
 * clone of one never-used prototype (cloning only reads it, so threads may clone at once); a
 * provider whose digest cannot be cloned gets a new instance from the provider found once.
 */
final class Sha256 {

    private static final String ALGORITHM = "SHA-256";
    private static final MessageDigest PROTOTYPE;
    private static final boolean CLONEABLE;

    static {
        try {
            PROTOTYPE = MessageDigest.getInstance(ALGORITHM);
        } catch (NoSuchAlgorithmException e) {
            throw new ExceptionInInitializerError(e);
        }
        boolean ok;
        try {
            PROTOTYPE.clone();
            ok = true;
        } catch (CloneNotSupportedException e) {
            ok = false;
        }
        CLONEABLE = ok;
    }

    private Sha256() {}

    static byte[] digest(byte[] data) {
        return fresh().digest(data);
    }

    static MessageDigest fresh() {
        try {
            return CLONEABLE ? (MessageDigest) PROTOTYPE.clone() : MessageDigest.getInstance(ALGORITHM, PROTOTYPE.getProvider());
        } catch (CloneNotSupportedException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
