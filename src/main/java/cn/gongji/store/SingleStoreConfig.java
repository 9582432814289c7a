package cn.gongji.store;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** On one PostgreSQL (embedded or external) every person is on the one node. The sharded store brings its own. */
@Configuration(proxyBeanMethods = false)
@Conditional(SingleStoreCondition.class)
public class SingleStoreConfig {

    @Bean
    PersonShards personShards(JdbcClient db) {
        return PersonShards.single(db);
    }
}
