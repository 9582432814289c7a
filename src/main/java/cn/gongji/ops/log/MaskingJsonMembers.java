package cn.gongji.ops.log;

import cn.gongji.ops.pii.Pii;
import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;

/**
 * Structured logs ({@code logging.structured.format.console=ecs}): every string value (message,
 * stack trace, MDC fields) passes through {@link Pii#text}. Named in application.yml as
 * {@code logging.structured.json.customizer}.
 */
public class MaskingJsonMembers implements StructuredLoggingJsonMembersCustomizer<Object> {

    @Override
    public void customize(JsonWriter.Members<Object> members) {
        members.applyingValueProcessor(JsonWriter.ValueProcessor.of(String.class, Pii::text));
    }
}
