package cn.gongji.ops.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import cn.gongji.ops.pii.Pii;
import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;

/**
 * Spring Boot's {@code %wEx} with ID and mobile numbers masked: a database error quoting a row
 * ({@code Key (certno)=(...) already exists}) must not put the number in the log.
 */
public class MaskedThrowableConverter extends ExtendedWhitespaceThrowableProxyConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return Pii.text(super.convert(event));
    }
}
