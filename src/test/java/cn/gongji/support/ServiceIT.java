package cn.gongji.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Boots the whole service on a random port against a real PostgreSQL: the embedded one in a fresh
 * data directory per test JVM, or the external one named by {@code GONGJI_TEST_DB_URL}
 * (CI runs the suite against Debian's PostgreSQL that way). Every test class carrying this
 * annotation shares one application context, so the database starts once.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"gongji.admin-token=test-admin-token", "gongji.pii.key=" + RefData.PII_KEY})
@org.springframework.test.context.ContextConfiguration(initializers = TestStore.class)
public @interface ServiceIT {}
