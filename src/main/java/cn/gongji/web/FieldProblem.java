package cn.gongji.web;

/** One thing wrong with one field of a request: {@code message} is "中文 / English". */
public record FieldProblem(String field, String message) {

    public static FieldProblem of(String field, String zh, String en) {
        return new FieldProblem(field, zh + " / " + en);
    }

    /** "certno 校验位错误 / certno check digit is wrong" for people reading logs and CSV reports. */
    public String describe() {
        int slash = message.indexOf(" / ");
        if (slash < 0) {
            return field + ": " + message;
        }
        return field + " " + message.substring(0, slash) + " / " + field + " " + message.substring(slash + 3);
    }
}
