package cn.gongji.ops.log;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import cn.gongji.ops.pii.Pii;

/** {@code %m}: the message with ID and mobile numbers masked ({@link Pii#text}). */
public class MaskedMessageConverter extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return Pii.text(super.convert(event));
    }
}
