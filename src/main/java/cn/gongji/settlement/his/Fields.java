package cn.gongji.settlement.his;

import cn.gongji.common.Money;
import cn.gongji.settlement.HisBusinessException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.Year;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Reads one JSON object of a HIS message, field by field, validating as it reads. Every refusal
 * names the field by its full path (e.g. {@code input.data.psn_no}). Numbers and flags are accepted
 * as JSON numbers or as strings, as HIS vendors send both.
 */
public final class Fields {

    /**
     * {@code yyyy-MM-dd}, strictly: exactly four year digits, and a day the month has (the default
     * SMART resolver would read 2026-02-30 as 2026-02-28 and 24:00:00 as the next day).
     */
    public static final DateTimeFormatter DATE = new DateTimeFormatterBuilder()
            .appendValue(ChronoField.YEAR, 4).appendLiteral('-')
            .appendValue(ChronoField.MONTH_OF_YEAR, 2).appendLiteral('-')
            .appendValue(ChronoField.DAY_OF_MONTH, 2)
            .toFormatter().withResolverStyle(ResolverStyle.STRICT);

    /** {@code yyyy-MM-dd HH:mm:ss}, strictly as {@link #DATE}; hours 00–23. */
    public static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
            .append(DATE).appendLiteral(' ')
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2).appendLiteral(':')
            .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .toFormatter().withResolverStyle(ResolverStyle.STRICT);

    /** A bad value is quoted in err_msg up to this many characters, never in full. */
    static final int QUOTE_CHARS = 40;

    /**
     * A number sent as text longer than this is refused before it is parsed: parsing a number of
     * a million digits costs seconds, and no amount, price or quantity needs more than ~20.
     */
    static final int MAX_NUMBER_TEXT = 64;

    private static final Pattern MONTH = Pattern.compile("\\d{4}(0[1-9]|1[0-2])");

    private final JsonNode node;
    private final String path;

    private Fields(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** The object at {@code path}; refuses anything but a JSON object. */
    public static Fields of(JsonNode node, String path) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            throw HisBusinessException.field(path, "缺失", "is missing");
        }
        if (!node.isObject()) {
            throw HisBusinessException.field(path, "必须是 JSON 对象", "must be a JSON object");
        }
        return new Fields(node, path);
    }

    /** This object's own path, e.g. {@code input.feedetail[2]}. */
    public String where() {
        return path;
    }

    public JsonNode node() {
        return node;
    }

    public String path(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    public Fields obj(String name) {
        return of(node.get(name), path(name));
    }

    /** A required, non-empty array of objects. */
    public List<Fields> objects(String name) {
        JsonNode a = node.get(name);
        if (a == null || a.isNull() || a.isMissingNode()) {
            throw HisBusinessException.field(path(name), "缺失", "is missing");
        }
        if (!a.isArray()) {
            throw HisBusinessException.field(path(name), "必须是数组", "must be an array");
        }
        if (a.isEmpty()) {
            throw HisBusinessException.field(path(name), "不能为空数组", "must not be empty");
        }
        List<Fields> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            out.add(of(a.get(i), path(name) + "[" + i + "]"));
        }
        return out;
    }

    /** A required text (a number is accepted and read as its text). */
    public String str(String name) {
        String s = optStr(name);
        if (s == null) {
            throw HisBusinessException.field(path(name), "缺失或为空", "is missing or empty");
        }
        return s;
    }

    /** Null when absent, null or blank. */
    public String optStr(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull() || v.isMissingNode()) {
            return null;
        }
        if (!v.isString() && !v.isNumber() && !v.isBoolean()) {
            throw HisBusinessException.field(path(name), "必须是字符串", "must be a string");
        }
        String s = v.asString().strip();
        return s.isEmpty() ? null : s;
    }

    /** A required decimal with at most {@code maxScale} decimals. */
    public BigDecimal decimal(String name, int maxScale) {
        BigDecimal d = optDecimal(name, maxScale);
        if (d == null) {
            throw HisBusinessException.field(path(name), "缺失", "is missing");
        }
        return d;
    }

    /**
     * A decimal with at most {@code maxScale} decimals and at most {@link #integerDigits} digits
     * before the point. The magnitude is bounded before any change of scale: {@code 1e10000000} is a
     * ten-character number whose plain form has ten million digits.
     */
    public BigDecimal optDecimal(String name, int maxScale) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull() || v.isMissingNode() || (v.isString() && v.asString().isBlank())) {
            return null;
        }
        BigDecimal d;
        try {
            if (v.isNumber()) {
                d = v.decimalValue();
            } else if (v.isString()) {
                String t = v.asString().strip();
                if (t.length() > MAX_NUMBER_TEXT) {
                    throw HisBusinessException.field(path(name), "过长：数字最多 " + MAX_NUMBER_TEXT + " 个字符，收到 " + quote(t),
                            "is too long for a number (at most " + MAX_NUMBER_TEXT + " characters)");
                }
                d = new BigDecimal(t);
            } else {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            String got = v.isString() ? "，收到 " + quote(v.asString()) : "";
            throw HisBusinessException.field(path(name), "必须是数字" + got, "must be a number");
        }
        int digits = integerDigits(maxScale);
        if (d.signum() != 0 && d.precision() - d.scale() > digits) {
            throw HisBusinessException.field(path(name), "超出允许范围：绝对值须小于 10^" + digits + "，收到 "
                    + quote(v.isString() ? v.asString().strip() : d.toString()), "must be less than 10^" + digits + " in absolute value");
        }
        d = d.stripTrailingZeros();
        if (d.scale() < 0) {
            d = d.setScale(0);
        }
        if (d.scale() > maxScale) {
            throw HisBusinessException.field(path(name), "最多 " + maxScale + " 位小数", "allows at most " + maxScale + " decimals");
        }
        return d;
    }

    /**
     * Digits before the point a value with {@code maxScale} decimals may have: what its column holds
     * (V001__core.sql: amounts numeric(14,2), quantities numeric(16,4), prices numeric(16,6)), so a
     * value too large is the sender's error (-2), not the database's (-1). Counts (0 decimals) are
     * held to the amounts' bound.
     */
    static int integerDigits(int maxScale) {
        return maxScale == 6 ? 10 : 12;
    }

    /** At most {@link #QUOTE_CHARS} characters of a bad value, for an err_msg. */
    public static String quote(String s) {
        if (s.length() <= QUOTE_CHARS) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(QUOTE_CHARS - 1)) ? QUOTE_CHARS - 1 : QUOTE_CHARS;
        return s.substring(0, end) + "…（共 " + s.length() + " 个字符）";
    }

    public Money money(String name) {
        return Money.of(decimal(name, 2));
    }

    public Money optMoney(String name) {
        BigDecimal d = optDecimal(name, 2);
        return d == null ? null : Money.of(d);
    }

    /** {@code yyyy-MM-dd HH:mm:ss} (a {@code T} separator is tolerated). */
    public LocalDateTime dateTime(String name) {
        String s = str(name);
        try {
            return parseDateTime(s.replace('T', ' '));
        } catch (DateTimeParseException e) {
            throw HisBusinessException.field(path(name), "格式应为 yyyy-MM-dd HH:mm:ss（须为真实存在的日期时间），收到 " + quote(s),
                    "must be a real date and time, yyyy-MM-dd HH:mm:ss");
        }
    }

    /**
     * {@link #DATE_TIME}, read directly when the text is a plain valid date and time (every message
     * carries one or more; the formatter allocates a dozen objects per value); anything else goes to
     * the formatter, so what is accepted and refused is exactly the formatter's.
     */
    static LocalDateTime parseDateTime(String s) {
        if (s.length() == 19 && s.charAt(4) == '-' && s.charAt(7) == '-' && s.charAt(10) == ' ' && s.charAt(13) == ':'
                && s.charAt(16) == ':') {
            int y = digits(s, 0, 4);
            int mo = digits(s, 5, 2);
            int d = digits(s, 8, 2);
            int h = digits(s, 11, 2);
            int mi = digits(s, 14, 2);
            int sec = digits(s, 17, 2);
            if (y >= 1 && mo >= 1 && mo <= 12 && d >= 1 && d <= Month.of(mo).length(Year.isLeap(y)) && h >= 0 && h <= 23
                    && mi >= 0 && mi <= 59 && sec >= 0 && sec <= 59) {
                return LocalDateTime.of(y, mo, d, h, mi, sec);
            }
        }
        return LocalDateTime.parse(s, DATE_TIME);
    }

    /** The ASCII digits at [from, from + n) as a number, or -1 when one is not a digit. */
    private static int digits(String s, int from, int n) {
        int v = 0;
        for (int i = from; i < from + n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    public LocalDate optDate(String name) {
        String s = optStr(name);
        if (s == null) {
            return null;
        }
        try {
            return LocalDate.parse(s, DATE);
        } catch (DateTimeParseException e) {
            throw HisBusinessException.field(path(name), "格式应为 yyyy-MM-dd（须为真实存在的日期），收到 " + quote(s), "must be a real date, yyyy-MM-dd");
        }
    }

    /** A month {@code yyyyMM} (or {@code yyyy-MM}), 01–12; null when absent. */
    public YearMonth optMonth(String name) {
        String s = optStr(name);
        if (s == null) {
            return null;
        }
        String digits = s.replace("-", "");
        if (!MONTH.matcher(digits).matches()) {
            throw HisBusinessException.field(path(name), "格式应为 yyyyMM（月份 01–12），收到 " + quote(s), "must be a real month, yyyyMM");
        }
        return YearMonth.of(Integer.parseInt(digits.substring(0, 4)), Integer.parseInt(digits.substring(4)));
    }

    /** A 0/1 flag sent as a number or a string; {@code dflt} when absent. */
    public boolean flag(String name, boolean dflt) {
        String s = optStr(name);
        if (s == null) {
            return dflt;
        }
        return switch (s) {
            case "1", "true" -> true;
            case "0", "false" -> false;
            default -> throw HisBusinessException.field(path(name), "只能是 0 或 1，收到 " + quote(s), "must be 0 or 1");
        };
    }

    /** A required code from a fixed set. */
    public String code(String name, String... accepted) {
        String s = str(name);
        for (String a : accepted) {
            if (a.equals(s)) {
                return s;
            }
        }
        throw HisBusinessException.field(path(name), "取值 " + quote(s) + " 不受支持，可选 " + String.join("、", accepted),
                "value " + quote(s) + " is not accepted (accepted: " + String.join(", ", accepted) + ")");
    }
}
