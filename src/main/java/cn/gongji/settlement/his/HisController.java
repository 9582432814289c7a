package cn.gongji.settlement.his;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The national HIS endpoint. Always HTTP 200 with the protocol envelope; all logic is in {@link HisProcessor}. */
@RestController
public class HisController {

    static final int MAX_BODY = 1024 * 1024;
    private static final MediaType JSON_UTF8 = MediaType.parseMediaType("application/json;charset=utf-8");

    private final HisProcessor processor;

    public HisController(HisProcessor processor) {
        this.processor = processor;
    }

    @PostMapping("/fsi/api/rsfComIfsService/callService")
    public ResponseEntity<byte[]> callService(HttpServletRequest req) throws IOException {
        HisHeaders headers = new HisHeaders(req.getHeader("x-tif-paasid"), req.getHeader("x-tif-timestamp"),
                req.getHeader("x-tif-nonce"), req.getHeader("x-tif-signature"));
        byte[] answer = processor.process(readLimited(req.getInputStream()), headers);
        return ResponseEntity.ok().contentType(JSON_UTF8).body(answer);
    }

    /** The body, or null when it exceeds {@link #MAX_BODY}. */
    private static byte[] readLimited(InputStream in) throws IOException {
        byte[] b = in.readNBytes(MAX_BODY + 1);
        return b.length > MAX_BODY ? null : b;
    }
}
