package cn.gongji.settlement.his;

import cn.gongji.settlement.HisBusinessException;
import cn.gongji.settlement.Institution;
import cn.gongji.settlement.ReferenceData;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Institution authentication (PROTOCOL.md §1): {@code x-tif-signature} = lowercase hex SHA-256 of
 * {@code timestamp + secret + nonce + timestamp}; the timestamp within {@code gongji.his.signature-max-age}
 * of now; the nonce single use; the institution registered and active.
 */
@Component
public class HisAuth {

    private final ReferenceData ref;
    private final Clock clock;
    private final Duration maxAge;
    private final NonceStore nonces = new NonceStore();

    public HisAuth(ReferenceData ref, Clock clock, @Value("${gongji.his.signature-max-age:PT300S}") Duration maxAge) {
        this.ref = ref;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    public static String signature(String timestamp, String secret, String nonce) {
        return HexFormat.of().formatHex(Sha256.digest((timestamp + secret + nonce + timestamp).getBytes(StandardCharsets.UTF_8)));
    }

    public Institution authenticate(HisHeaders h, String fixmedinsCode) {
        require(h.paasid(), "x-tif-paasid");
        require(h.timestamp(), "x-tif-timestamp");
        require(h.nonce(), "x-tif-nonce");
        require(h.signature(), "x-tif-signature");
        if (!h.paasid().equals(fixmedinsCode)) {
            throw new HisBusinessException("PAASID", "报文 fixmedins_code " + fixmedinsCode + " 与请求头 x-tif-paasid " + h.paasid()
                    + " 不一致 / fixmedins_code must equal x-tif-paasid");
        }
        long ts;
        try {
            ts = Long.parseLong(h.timestamp().strip());
        } catch (NumberFormatException e) {
            throw new HisBusinessException("SIGNATURE", "请求头 x-tif-timestamp 应为秒级时间戳，收到 " + h.timestamp()
                    + " / x-tif-timestamp must be epoch seconds");
        }
        long now = clock.instant().getEpochSecond();
        if (Math.abs(now - ts) > maxAge.toSeconds()) {
            throw new HisBusinessException("SIGNATURE_EXPIRED", "签名时间戳 x-tif-timestamp 与服务器时间相差超过 " + maxAge.toSeconds()
                    + " 秒，请校准时钟后重新签名 / the signature timestamp is more than " + maxAge.toSeconds() + " s off");
        }
        Institution inst = ref.institution(h.paasid()).orElseThrow(() -> new HisBusinessException("INSTITUTION",
                "定点机构 " + h.paasid() + " 未在医保经办机构登记 / institution " + h.paasid() + " is not registered"));
        if (!inst.active()) {
            throw new HisBusinessException("INSTITUTION_INACTIVE", "定点机构 " + inst.code() + " 已停用 / the institution is not active");
        }
        if (!ref.physicalActive(inst)) {
            throw new HisBusinessException("INSTITUTION_INACTIVE", "定点机构 " + inst.code() + " 是互联网医院，其实体机构 "
                    + inst.internetOf() + " 已停用 / the internet hospital's physical institution is not active");
        }
        byte[] expected = signature(h.timestamp(), inst.secret(), h.nonce()).getBytes(StandardCharsets.US_ASCII);
        byte[] given = h.signature().strip().getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, given)) {
            throw new HisBusinessException("SIGNATURE", "签名 x-tif-signature 校验失败（应为 SHA-256(timestamp + 机构密钥 + nonce + timestamp) 的小写十六进制） / signature mismatch");
        }
        if (!nonces.useOnce(inst.code(), h.nonce(), ts + maxAge.toSeconds(), now)) {
            throw new HisBusinessException("NONCE_REUSED", "随机数 x-tif-nonce 已使用过，请重新生成后签名 / the nonce was already used");
        }
        return inst;
    }

    private static void require(String v, String header) {
        if (v == null || v.isBlank()) {
            throw new HisBusinessException("SIGNATURE", "缺少请求头 " + header + " / missing header " + header);
        }
    }
}
