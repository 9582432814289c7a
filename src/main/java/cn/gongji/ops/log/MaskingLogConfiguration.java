package cn.gongji.ops.log;

import ch.qos.logback.classic.PatternLayout;
import org.springframework.boot.context.event.ApplicationStartingEvent;
import org.springframework.context.ApplicationListener;

/**
 * Makes the log patterns mask personal information. Spring Boot configures Logback itself (no
 * logback.xml here, so {@code logging.structured.format.console} and the other logging settings
 * keep working); before it does, this listener (registered in META-INF/spring.factories) maps the
 * conversion words {@code %m}, {@code %msg}, {@code %message} to {@link MaskedMessageConverter} and
 * adds {@code %maskedEx} ({@link MaskedThrowableConverter}), which application.yml names as
 * {@code logging.exception-conversion-word}. Structured (JSON) logs are masked by
 * {@link MaskingJsonMembers}.
 */
public class MaskingLogConfiguration implements ApplicationListener<ApplicationStartingEvent> {

    static {
        install();
    }

    public static void install() {
        for (String word : new String[] {"m", "msg", "message"}) {
            PatternLayout.DEFAULT_CONVERTER_SUPPLIER_MAP.put(word, MaskedMessageConverter::new);
        }
        PatternLayout.DEFAULT_CONVERTER_SUPPLIER_MAP.put("maskedEx", MaskedThrowableConverter::new);
    }

    @Override
    public void onApplicationEvent(ApplicationStartingEvent event) {
        install();
    }
}
