package cn.gongji.bench.sim;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * A small HTTP/1.1 client for the load generator: POST over pooled keep-alive sockets to one
 * loopback server. It exists because {@code java.net.http.HttpClient} spends several times the CPU
 * per request, and the generator shares the machine's cores with the service it measures
 * (docs/performance.md). It speaks just what Gongji's HIS endpoint answers: a status line, headers,
 * a body by Content-Length or chunked; "Connection: close" retires the socket.
 *
 * <p>A pooled socket the server closed while idle fails before any answer byte arrives; the request
 * is then sent once more on a new socket (the server never read it; the msgid is the same anyway).
 */
public final class LoopbackHttp implements AutoCloseable {

    /** An answer: HTTP status and body bytes. */
    public record Response(int status, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static final class Connection {
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        boolean reused;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            this.out = socket.getOutputStream();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // closing a socket we give up on
            }
        }
    }

    /** No answer byte before the end of the stream on a reused socket: the server had closed it. */
    private static final class StaleConnection extends IOException {
        StaleConnection() {
            super("connection closed by the server before an answer");
        }
    }

    private final String host;
    private final int port;
    private final int timeoutMillis;
    private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();

    public LoopbackHttp(URI base, int timeoutMillis) {
        this.host = base.getHost();
        this.port = base.getPort() > 0 ? base.getPort() : 80;
        this.timeoutMillis = timeoutMillis;
    }

    public Response post(String path, Map<String, String> headers, byte[] body) throws IOException {
        byte[] head = head(path, headers, body.length);
        Connection c = take();
        try {
            return exchange(c, head, body);
        } catch (StaleConnection e) {
            c.close();
            Connection fresh = open();
            try {
                return exchange(fresh, head, body);
            } catch (IOException again) {
                fresh.close();
                throw again;
            }
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private byte[] head(String path, Map<String, String> headers, int length) {
        StringBuilder sb = new StringBuilder(256).append("POST ").append(path).append(" HTTP/1.1\r\nHost: ")
                .append(host).append(':').append(port).append("\r\nContent-Length: ").append(length).append("\r\n");
        headers.forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
        return sb.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private Response exchange(Connection c, byte[] head, byte[] body) throws IOException {
        c.out.write(head);
        c.out.write(body);
        c.out.flush();
        int first = c.in.read();
        if (first < 0) {
            if (c.reused) {
                throw new StaleConnection();
            }
            throw new EOFException("connection closed by the server before an answer");
        }
        String status = (char) first + line(c.in);
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x status line: " + status);
        }
        int code = Integer.parseInt(parts[1]);
        long length = -1;
        boolean chunked = false;
        boolean close = parts[0].equals("HTTP/1.0");
        for (String h = line(c.in); !h.isEmpty(); h = line(c.in)) {
            int colon = h.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = h.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> close = value.equalsIgnoreCase("close");
                default -> { }
            }
        }
        byte[] answer = chunked ? chunked(c.in) : c.in.readNBytes((int) Math.max(0, length));
        if (!chunked && length > 0 && answer.length < length) {
            throw new EOFException("answer cut short: " + answer.length + " of " + length + " bytes");
        }
        if (close || (!chunked && length < 0)) {
            c.close();
        } else {
            c.reused = true;
            idle.push(c);
        }
        return new Response(code, answer);
    }

    private static byte[] chunked(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            String size = line(in);
            int semi = size.indexOf(';');
            int n = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
            if (n == 0) {
                while (!line(in).isEmpty()) {
                    // trailers
                }
                return out.toByteArray();
            }
            out.write(in.readNBytes(n));
            line(in);
        }
    }

    /** One header line without its CRLF (ISO-8859-1, as HTTP headers are). */
    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed in the middle of an answer");
            }
            if (b == '\n') {
                int len = sb.length();
                if (len > 0 && sb.charAt(len - 1) == '\r') {
                    sb.setLength(len - 1);
                }
                return sb.toString();
            }
            sb.append((char) b);
        }
    }

    private Connection take() throws IOException {
        Connection c = idle.poll();
        return c != null ? c : open();
    }

    private Connection open() throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.setSoTimeout(timeoutMillis);
        s.connect(new InetSocketAddress(host, port), timeoutMillis);
        return new Connection(s);
    }

    @Override
    public void close() {
        for (Connection c = idle.poll(); c != null; c = idle.poll()) {
            c.close();
        }
    }
}
