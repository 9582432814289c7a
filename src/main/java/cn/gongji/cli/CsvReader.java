package cn.gongji.cli;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV: comma-separated, fields optionally in double quotes, a quote inside a quoted field
 * written twice, quoted fields may hold commas and line breaks. Also accepted: a UTF-8 byte order
 * mark, LF or CRLF line ends, blank lines (skipped). Streaming: one record at a time.
 */
public final class CsvReader implements AutoCloseable {

    /** A record and the line of the file it starts on (1-based; the header is line 1). */
    public record Row(int line, List<String> fields) {}

    /** The file is not valid CSV at {@code line}. */
    public static final class CsvException extends IOException {
        public final int line;

        public CsvException(int line, String message) {
            super(message);
            this.line = line;
        }
    }

    private final Reader in;
    private int line = 1;
    private int peeked = -2;
    private boolean first = true;

    public CsvReader(Reader in) {
        this.in = in;
    }

    private int read() throws IOException {
        if (peeked != -2) {
            int c = peeked;
            peeked = -2;
            return c;
        }
        int c = in.read();
        if (first) {
            first = false;
            if (c == '\uFEFF') {
                c = in.read();
            }
        }
        return c;
    }

    private int peek() throws IOException {
        if (peeked == -2) {
            peeked = read();
        }
        return peeked;
    }

    /** The next non-blank record, or null at the end of the file. */
    public Row next() throws IOException {
        while (true) {
            int start = line;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            boolean any = false;
            int c;
            while (true) {
                c = read();
                if (c == -1) {
                    if (quoted) {
                        throw new CsvException(start, "引号未闭合 / unterminated quoted field");
                    }
                    break;
                }
                any = true;
                if (quoted) {
                    if (c == '"') {
                        if (peek() == '"') {
                            read();
                            field.append('"');
                        } else {
                            quoted = false;
                        }
                    } else {
                        if (c == '\n') {
                            line++;
                        }
                        field.append((char) c);
                    }
                } else if (c == '"' && field.isEmpty()) {
                    quoted = true;
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                } else if (c == '\r' && peek() == '\n') {
                    // CRLF: the LF ends the record
                } else if (c == '\n') {
                    line++;
                    break;
                } else if (c == '"') {
                    throw new CsvException(line, "未加引号的字段中出现引号 / a quote inside an unquoted field");
                } else {
                    field.append((char) c);
                }
            }
            if (!any && c == -1) {
                return null;
            }
            fields.add(field.toString());
            if (fields.size() == 1 && fields.getFirst().isBlank()) {
                if (c == -1) {
                    return null;
                }
                continue;
            }
            return new Row(start, fields);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
