package cn.gongji.store;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Not sharded: no {@code gongji.sharding.nodes} (the embedded store or one external PostgreSQL). */
class SingleStoreCondition implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return !Sharding.sharded(context.getEnvironment());
    }
}
