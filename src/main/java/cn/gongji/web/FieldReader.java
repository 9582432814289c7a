package cn.gongji.web;

import cn.gongji.common.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads typed fields from an {@link Input} and collects every problem instead of stopping at the
 * first, so a caller sees all that is wrong at once. Readers return null for an absent or invalid
 * field; check {@link #problems()} before using the values.
 */
public final class FieldReader {

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private final Input input;
    private final String prefix;
    private final List<FieldProblem> problems;
    private final int start;

    public FieldReader(Input input) {
        this(input, "", new ArrayList<>());
    }

    /** For items of an array: field names become {@code prefix + name}, problems go to a shared list. */
    public FieldReader(Input input, String prefix, List<FieldProblem> problems) {
        this.input = input;
        this.prefix = prefix;
        this.problems = problems;
        this.start = problems.size();
    }

    public List<FieldProblem> problems() {
        return problems;
    }

    /** No problem found by this reader (others may share the list). */
    public boolean ok() {
        return problems.size() == start;
    }

    /** Throws the collected problems as a 400 refusal. */
    public void refuseIfInvalid() {
        if (!problems.isEmpty()) {
            throw AgencyProblem.invalid(problems);
        }
    }

    public void problem(String field, String zh, String en) {
        problems.add(FieldProblem.of(prefix + field, zh, en));
    }

    public String optionalText(String field) {
        try {
            String v = input.text(field);
            return v == null ? null : v.strip();
        } catch (Input.NotAValue e) {
            problem(field, "应为单个值", "must be a single value, not an object or array");
            return null;
        }
    }

    public String text(String field) {
        String v = optionalText(field);
        if (v == null || v.isEmpty()) {
            if (v != null || !hasProblem(field)) {
                problem(field, "必填", "is required");
            }
            return null;
        }
        return v;
    }

    /** This field (under this reader's prefix) already has a problem listed. */
    public boolean hasProblem(String field) {
        return problems.stream().anyMatch(p -> p.field().equals(prefix + field));
    }

    public String text(String field, int maxLength) {
        String v = text(field);
        if (v != null && v.length() > maxLength) {
            problem(field, "长度不能超过 " + maxLength, "must be at most " + maxLength + " characters");
            return null;
        }
        return v;
    }

    public String optionalText(String field, int maxLength) {
        String v = optionalText(field);
        if (v != null && v.isEmpty()) {
            return null;
        }
        if (v != null && v.length() > maxLength) {
            problem(field, "长度不能超过 " + maxLength, "must be at most " + maxLength + " characters");
            return null;
        }
        return v;
    }

    public String matching(String field, Pattern pattern, String zhWhat, String enWhat, boolean required) {
        String v = required ? text(field) : optionalText(field, 200);
        if (v != null && !pattern.matcher(v).matches()) {
            problem(field, "应为" + zhWhat, "must be " + enWhat);
            return null;
        }
        return v;
    }

    public String oneOf(String field, Set<String> allowed, boolean required) {
        String v = required ? text(field) : optionalText(field, 100);
        if (v != null && !allowed.contains(v)) {
            String list = String.join("|", allowed.stream().sorted().toList());
            problem(field, "应为 " + list + " 之一", "must be one of " + list);
            return null;
        }
        return v;
    }

    public String admdvs(String field, boolean required) {
        return matching(field, Pattern.compile("\\d{6}"), " 6 位数字行政区划代码", "a 6-digit administrative division code", required);
    }

    public LocalDate date(String field, boolean required) {
        String v = required ? text(field) : optionalText(field, 10);
        if (v == null || v.isEmpty()) {
            return null;
        }
        if (!DATE.matcher(v).matches()) {
            problem(field, "应为日期 yyyy-MM-dd", "must be a date yyyy-MM-dd");
            return null;
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            problem(field, "不是有效日期", "is not a valid date");
            return null;
        }
    }

    public BigDecimal decimal(String field, boolean required) {
        String v = required ? text(field) : optionalText(field, 40);
        if (v == null || v.isEmpty()) {
            return null;
        }
        try {
            return new BigDecimal(v);
        } catch (NumberFormatException e) {
            problem(field, "应为数字", "must be a number");
            return null;
        }
    }

    /** A non-negative amount of yuan with at most two decimals. */
    public Money money(String field, boolean required) {
        BigDecimal d = decimal(field, required);
        if (d == null) {
            return null;
        }
        if (d.signum() < 0) {
            problem(field, "不能为负数", "must not be negative");
            return null;
        }
        if (d.stripTrailingZeros().scale() > 2) {
            problem(field, "最多两位小数", "must have at most 2 decimals");
            return null;
        }
        return Money.of(d.setScale(2));
    }

    public Integer integer(String field, int min, int max) {
        BigDecimal d = decimal(field, false);
        if (d == null) {
            return null;
        }
        if (d.stripTrailingZeros().scale() > 0 || d.compareTo(BigDecimal.valueOf(min)) < 0
                || d.compareTo(BigDecimal.valueOf(max)) > 0) {
            problem(field, "应为 " + min + " 到 " + max + " 之间的整数", "must be a whole number from " + min + " to " + max);
            return null;
        }
        return d.intValueExact();
    }

    public Boolean bool(String field, boolean defaultValue) {
        String v = optionalText(field);
        if (v == null || v.isEmpty()) {
            return defaultValue;
        }
        return switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes", "y", "是" -> true;
            case "false", "0", "no", "n", "否" -> false;
            default -> {
                problem(field, "应为 true 或 false", "must be true or false");
                yield defaultValue;
            }
        };
    }
}
