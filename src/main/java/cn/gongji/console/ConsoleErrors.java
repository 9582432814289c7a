package cn.gongji.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;

/**
 * Console failures: a page in the reader's language for pages, a small problem+json for the
 * console's JSON endpoints (/console/api/...). Nothing is changed by a failed request.
 */
@ControllerAdvice(basePackages = "cn.gongji.console")
class ConsoleErrors {

    private static final Logger log = LoggerFactory.getLogger(ConsoleErrors.class);

    @ExceptionHandler(ResponseStatusException.class)
    Object status(ResponseStatusException e, HttpServletRequest req, HttpServletResponse res) {
        return answer(HttpStatus.valueOf(e.getStatusCode().value()), req, res);
    }

    @ExceptionHandler({MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class})
    Object bad(Exception e, HttpServletRequest req, HttpServletResponse res) {
        return answer(HttpStatus.BAD_REQUEST, req, res);
    }

    @ExceptionHandler(Exception.class)
    Object unexpected(Exception e, HttpServletRequest req, HttpServletResponse res) {
        if (e instanceof org.springframework.web.ErrorResponse known && known.getStatusCode().value() < 500) {
            // Spring MVC's own refusals (method not allowed, not acceptable, ...) keep their status
            return answer(HttpStatus.valueOf(known.getStatusCode().value()), req, res);
        }
        log.error("console failure on {}", req.getRequestURI(), e);
        return answer(HttpStatus.INTERNAL_SERVER_ERROR, req, res);
    }

    static Object answer(HttpStatus status, HttpServletRequest req, HttpServletResponse res) {
        if (req.getRequestURI().startsWith(req.getContextPath() + "/console/api/")) {
            return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(Map.of("status", status.value(), "title", status.getReasonPhrase()));
        }
        res.setStatus(status.value());
        ModelAndView mv = new ModelAndView(req.getRequestURI().startsWith(req.getContextPath() + "/me") ? "me/error" : "console/error");
        mv.setStatus(status);
        mv.addObject("status", status.value());
        mv.addObject("viewer", ConsoleModel.current());
        mv.addObject("currentPath", ConsoleModel.path(req));
        return mv;
    }
}
