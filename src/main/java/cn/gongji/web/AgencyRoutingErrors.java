package cn.gongji.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.databind.ObjectMapper;

/**
 * Agency-API errors raised before a controller is chosen: an unknown path under {@code /api/}
 * (404) or a method the path does not take (405). {@link AgencyProblemAdvice} is scoped to the
 * agency controllers, and a scoped advice is never asked when there is no controller, so without
 * this Spring answered its default JSON. Runs before Spring MVC's own resolvers and only for
 * {@code /api/...} without a controller method: the HIS endpoint ({@code /fsi/api/...}) and the
 * console keep their own errors.
 */
public class AgencyRoutingErrors implements HandlerExceptionResolver, Ordered {

    private static final Logger log = LoggerFactory.getLogger(AgencyRoutingErrors.class);

    private final ObjectMapper json;

    public AgencyRoutingErrors(ObjectMapper json) {
        this.json = json;
    }

    /** Before the resolver chain of Spring MVC (order 0), after Boot's recording of the error. */
    @Override
    public int getOrder() {
        return -1;
    }

    @Override
    public ModelAndView resolveException(HttpServletRequest req, HttpServletResponse res, Object handler, Exception e) {
        String path = req.getRequestURI().substring(req.getContextPath().length());
        if (!path.startsWith("/api/") || handler instanceof HandlerMethod || res.isCommitted()) {
            return null;
        }
        try {
            write(req, res, e, path);
            return new ModelAndView();
        } catch (IOException io) {
            log.debug("could not write the problem for {} {}", req.getMethod(), path, io);
            return null;
        }
    }

    /**
     * The status of a refusal Spring MVC raised before any controller (404, 405, ...), its headers (Allow on
     * 405) copied to the response; null for any other exception. Shared with the console's resolver.
     */
    public static HttpStatus knownStatus(Exception e, HttpServletResponse res) {
        if (!(e instanceof ErrorResponse known)) {
            return null;
        }
        known.getHeaders().forEach((name, values) -> values.forEach(v -> res.addHeader(name, v)));
        return HttpStatus.valueOf(known.getStatusCode().value());
    }

    private void write(HttpServletRequest req, HttpServletResponse res, Exception e, String path) throws IOException {
        HttpStatus status = knownStatus(e, res);
        if (status == null) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
            log.error("agency API failure before a handler on {} {}", req.getMethod(), path, e);
        }
        var body = switch (e) {
            case NoResourceFoundException x -> notFound(path);
            case NoHandlerFoundException x -> notFound(path);
            case HttpRequestMethodNotSupportedException x -> AgencyProblemAdvice.body(status, "method-not-allowed",
                    "不支持该方法 / Method not allowed", req.getMethod() + " " + path + " 不支持，可用 " + allowed(x)
                            + " / " + req.getMethod() + " is not supported on " + path + "; allowed: " + allowed(x),
                    List.of());
            case HttpMediaTypeNotSupportedException x -> AgencyProblemAdvice.body(status, "unsupported-media-type",
                    "请使用 JSON / Use JSON",
                    "Content-Type 应为 application/json / Content-Type must be application/json", List.of());
            case HttpMediaTypeNotAcceptableException x -> AgencyProblemAdvice.body(status, "not-acceptable",
                    "无法提供该格式 / Not acceptable",
                    "应答为 application/json / Answers are application/json", List.of());
            default -> status.is5xxServerError()
                    ? AgencyProblemAdvice.body(status, "internal-error", "内部错误 / Internal error",
                            "请求未完成，未做任何更改 / The request failed and changed nothing", List.of())
                    : AgencyProblemAdvice.body(status, "invalid-request", "请求无效 / Invalid request",
                            status.value() + " " + status.getReasonPhrase(), List.of());
        };
        res.setStatus(status.value());
        res.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        res.setCharacterEncoding("UTF-8");
        json.writeValue(res.getOutputStream(), body);
    }

    private static java.util.Map<String, Object> notFound(String path) {
        return AgencyProblemAdvice.body(HttpStatus.NOT_FOUND, "not-found", "未找到 / Not found",
                "没有接口 " + path + " / There is no call " + path + " (see /v3/api-docs)", List.of());
    }

    private static String allowed(HttpRequestMethodNotSupportedException e) {
        var methods = e.getSupportedHttpMethods();
        return methods == null || methods.isEmpty() ? "-" : String.join(", ", methods.stream().map(Object::toString).sorted().toList());
    }
}
