package cn.gongji.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * The one place where agency-API failures become {@code application/problem+json}
 * {type, title, detail, errors[{field, message}]}. Scoped to the agency controllers so the HIS
 * protocol keeps its own error envelope; errors raised before a controller is chosen (unknown path,
 * wrong method) are answered in the same shape by {@link AgencyRoutingErrors}.
 */
@RestControllerAdvice(basePackages = {"cn.gongji.registry", "cn.gongji.catalog", "cn.gongji.web", "cn.gongji.account",
        "cn.gongji.clearing", "cn.gongji.supervision.web"})
public class AgencyProblemAdvice {

    private static final Logger log = LoggerFactory.getLogger(AgencyProblemAdvice.class);
    public static final String TYPE_BASE = "https://gongji.cn/problems/";

    @ExceptionHandler(AgencyProblem.class)
    ResponseEntity<Map<String, Object>> refused(AgencyProblem p) {
        return problem(p.status(), p.type(), p.title(), p.getMessage(), p.errors());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        if (e.getMostSpecificCause() instanceof BodySizeFilter.BodyTooLarge big) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(BodySizeFilter.tooLarge(big.max()));
        }
        return problem(HttpStatus.BAD_REQUEST, "malformed-json", "请求体不是有效的 JSON / The body is not valid JSON",
                "请求体无法解析 / The request body could not be parsed as JSON of the expected shape", List.of());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Map<String, Object>> mismatch(MethodArgumentTypeMismatchException e) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-request", "请求无效 / Invalid request",
                "参数格式错误 / A parameter has the wrong format",
                List.of(FieldProblem.of(e.getName(), "格式错误", "has the wrong format")));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Map<String, Object>> missing(MissingServletRequestParameterException e) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-request", "请求无效 / Invalid request",
                "缺少参数 / A parameter is missing",
                List.of(FieldProblem.of(e.getParameterName(), "必填", "is required")));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Map<String, Object>> mediaType(HttpMediaTypeNotSupportedException e) {
        return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "请使用 JSON / Use JSON",
                "Content-Type 应为 application/json / Content-Type must be application/json", List.of());
    }

    /** Two concurrent requests raced for the same unique key; the loser is told so, nothing changed. */
    @ExceptionHandler(DuplicateKeyException.class)
    ResponseEntity<Map<String, Object>> duplicate(DuplicateKeyException e) {
        return problem(HttpStatus.CONFLICT, "conflict", "与现有数据冲突 / Conflicts with existing data",
                "唯一键重复 / A unique key already exists", List.of());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> unexpected(Exception e) {
        log.error("agency API failure", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "内部错误 / Internal error",
                "请求未完成，未做任何更改 / The request failed and changed nothing", List.of());
    }

    static ResponseEntity<Map<String, Object>> problem(
            HttpStatus status, String type, String title, String detail, List<FieldProblem> errors) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(body(status, type, title, detail, errors));
    }

    public static Map<String, Object> body(HttpStatus status, String type, String title, String detail, List<FieldProblem> errors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_BASE + type);
        body.put("title", title);
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("errors", errors);
        return body;
    }
}
