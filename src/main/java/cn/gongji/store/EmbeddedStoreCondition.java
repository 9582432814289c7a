package cn.gongji.store;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** The embedded store runs exactly when neither an external database URL nor sharding nodes are configured. */
class EmbeddedStoreCondition implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String url = context.getEnvironment().getProperty("spring.datasource.url");
        return (url == null || url.isBlank()) && !Sharding.sharded(context.getEnvironment());
    }
}
