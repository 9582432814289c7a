package cn.gongji.console;

import cn.gongji.web.AgencyRoutingErrors;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Console and insured-page errors raised before a controller is chosen: a mistyped or stale link
 * ({@code /console/persons/x/y}, {@code /me/zzz}: 404) or a method the path does not take (405).
 * {@link ConsoleErrors} is scoped to the console's controllers and is never asked when there is no
 * controller, so these answered Spring's English "Whitelabel" page (with a UTC time) or its JSON.
 * Now the same page in the reader's language as any other console failure, and problem+json under
 * {@code /console/api/}. Like the agency API's {@code AgencyRoutingErrors}, it runs before Spring
 * MVC's own resolvers and only without a controller method.
 */
@Component
class ConsoleRoutingErrors implements HandlerExceptionResolver, Ordered {

    private static final Logger log = LoggerFactory.getLogger(ConsoleRoutingErrors.class);

    @Override
    public int getOrder() {
        return -1;
    }

    @Override
    public ModelAndView resolveException(HttpServletRequest req, HttpServletResponse res, Object handler, Exception e) {
        String path = ConsoleModel.path(req);
        boolean ours = path.equals("/console") || path.startsWith("/console/") || path.equals("/me") || path.startsWith("/me/");
        if (!ours || handler instanceof HandlerMethod || res.isCommitted()) {
            return null;
        }
        HttpStatus status = AgencyRoutingErrors.knownStatus(e, res);
        if (status == null) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
            log.error("console failure before a handler on {} {}", req.getMethod(), path, e);
        }
        Object answer = ConsoleErrors.answer(status, req, res);
        if (answer instanceof ModelAndView page) {
            return page;
        }
        try {
            res.setStatus(status.value());
            res.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            res.getOutputStream().write(("{\"status\":" + status.value() + ",\"title\":\"" + status.getReasonPhrase() + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
            return new ModelAndView();
        } catch (IOException io) {
            log.debug("could not write the problem for {} {}", req.getMethod(), path, io);
            return null;
        }
    }
}
