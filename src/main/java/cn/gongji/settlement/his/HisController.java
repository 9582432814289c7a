package cn.gongji.settlement.his;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The national HIS endpoint. Always HTTP 200 with the protocol envelope; all logic is in {@link HisProcessor}. */
@RestController
public class HisController {

    static final int MAX_BODY = 1024 * 1024;
    private static final String JSON_UTF8 = "application/json;charset=utf-8";

    private final HisProcessor processor;

    public HisController(HisProcessor processor) {
        this.processor = processor;
    }

    /**
     * Writes the answer itself: returning a {@code ResponseEntity<byte[]>} sent every message through
     * content negotiation and the message converters (~4 % of the CPU of a settlement) to end in the
     * same bytes and headers.
     */
    @PostMapping("/fsi/api/rsfComIfsService/callService")
    public void callService(HttpServletRequest req, HttpServletResponse res) throws IOException {
        HisHeaders headers = new HisHeaders(req.getHeader("x-tif-paasid"), req.getHeader("x-tif-timestamp"),
                req.getHeader("x-tif-nonce"), req.getHeader("x-tif-signature"));
        byte[] answer = processor.process(readLimited(req), headers);
        res.setStatus(HttpServletResponse.SC_OK);
        res.setContentType(JSON_UTF8);
        res.setContentLength(answer.length);
        res.getOutputStream().write(answer);
    }

    /**
     * The body, or null when it exceeds {@link #MAX_BODY}. With a Content-Length (what a HIS sends) the
     * body is read into an array of exactly that size; without one (chunked) it is read up to the
     * limit, which costs a 16 KB buffer and a copy per message.
     */
    static byte[] readLimited(HttpServletRequest req) throws IOException {
        long declared = req.getContentLengthLong();
        if (declared > MAX_BODY) {
            return null;
        }
        InputStream in = req.getInputStream();
        if (declared >= 0) {
            return in.readNBytes((int) declared);
        }
        byte[] b = in.readNBytes(MAX_BODY + 1);
        return b.length > MAX_BODY ? null : b;
    }
}
