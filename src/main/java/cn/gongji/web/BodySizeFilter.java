package cn.gongji.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.ObjectMapper;

/**
 * The agency API's request size limit ({@code gongji.api.max-body}, 5 MB): a declared
 * Content-Length above it is answered 413 in the API's problem+json shape before anything is read;
 * a body without a length (chunked) is cut off at the limit, which the API reports the same way
 * ({@link BodyTooLarge}, mapped by {@link AgencyProblemAdvice}).
 */
public class BodySizeFilter extends OncePerRequestFilter {

    private final long max;
    private final ObjectMapper json;

    public BodySizeFilter(long max, ObjectMapper json) {
        this.max = max;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws ServletException, IOException {
        if (req.getContentLengthLong() > max) {
            res.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
            res.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            res.setCharacterEncoding("UTF-8");
            res.setHeader("Connection", "close");
            json.writeValue(res.getOutputStream(), tooLarge(max));
            return;
        }
        chain.doFilter(new Limited(req, max), res);
    }

    public static java.util.Map<String, Object> tooLarge(long max) {
        long mb = max / (1024 * 1024);
        return AgencyProblemAdvice.body(HttpStatus.CONTENT_TOO_LARGE, "too-large", "请求体过大 / Request too large",
                "请求体超过 " + mb + " MB 上限，未做任何更改 / the body exceeds " + mb + " MB: nothing was changed", List.of());
    }

    /** Thrown by the limited stream; the API answers 413. */
    public static final class BodyTooLarge extends IOException {
        private final long max;

        public BodyTooLarge(long max) {
            super("request body exceeds " + max + " bytes");
            this.max = max;
        }

        public long max() {
            return max;
        }
    }

    private static final class Limited extends HttpServletRequestWrapper {
        private final long max;
        private ServletInputStream in;

        Limited(HttpServletRequest req, long max) {
            super(req);
            this.max = max;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (in == null) {
                ServletInputStream raw = super.getInputStream();
                in = new ServletInputStream() {
                    private long read;

                    @Override
                    public int read() throws IOException {
                        int b = raw.read();
                        if (b >= 0) {
                            count(1);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buf, int off, int len) throws IOException {
                        int n = raw.read(buf, off, len);
                        if (n > 0) {
                            count(n);
                        }
                        return n;
                    }

                    private void count(int n) throws IOException {
                        read += n;
                        if (read > max) {
                            throw new BodyTooLarge(max);
                        }
                    }

                    @Override
                    public boolean isFinished() {
                        return raw.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return raw.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener l) {
                        raw.setReadListener(l);
                    }
                };
            }
            return in;
        }
    }
}
