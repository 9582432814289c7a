package cn.gongji.registry;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Institution secrets: 32 random bytes as 64 lowercase hex characters. */
public final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {}

    public static String newSecret() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
