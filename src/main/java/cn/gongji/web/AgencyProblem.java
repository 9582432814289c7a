package cn.gongji.web;

import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * A refusal of an agency-API request, mapped to {@code application/problem+json} by
 * {@link AgencyProblemAdvice}. Thrown before anything is written, or inside the transaction that
 * it then rolls back.
 */
public class AgencyProblem extends RuntimeException {

    private final HttpStatus status;
    private final String type;
    private final String title;
    private final List<FieldProblem> errors;

    public AgencyProblem(HttpStatus status, String type, String title, String detail, List<FieldProblem> errors) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public static AgencyProblem invalid(List<FieldProblem> errors) {
        return new AgencyProblem(HttpStatus.BAD_REQUEST, "invalid-request", "请求无效 / Invalid request",
                errors.size() + " 个字段有误 / " + errors.size() + " field(s) are invalid", errors);
    }

    public static AgencyProblem invalid(String field, String zh, String en) {
        return invalid(List.of(FieldProblem.of(field, zh, en)));
    }

    public static AgencyProblem notFound(String what, String key) {
        return new AgencyProblem(HttpStatus.NOT_FOUND, "not-found", "未找到 / Not found",
                what + " " + key + " 不存在 / " + what + " " + key + " does not exist", List.of());
    }

    public static AgencyProblem conflict(String field, String zh, String en) {
        return new AgencyProblem(HttpStatus.CONFLICT, "conflict", "与现有数据冲突 / Conflicts with existing data",
                zh + " / " + en, List.of(FieldProblem.of(field, zh, en)));
    }

    public HttpStatus status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public List<FieldProblem> errors() {
        return errors;
    }
}
