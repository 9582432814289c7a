package cn.gongji.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.gongji.support.ServiceIT;
import cn.gongji.support.TestStore;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A new embedded cluster compares text with PostgreSQL 17's builtin C.UTF-8 provider: memcmp, in
 * code-point order (docs/decisions.md, "Settlement performance"). The order is the one glibc's
 * C.UTF-8 gave before, so nothing a page or an export sorts changes place.
 */
@ServiceIT
class EmbeddedCollationIT {

    @Autowired
    JdbcClient db;

    private static boolean embeddedSingleStore() {
        String url = System.getenv("GONGJI_TEST_DB_URL");
        return (url == null || url.isBlank()) && TestStore.shards() == 0;
    }

    @Test
    void a_new_embedded_cluster_uses_the_builtin_code_point_collation() {
        assumeTrue(embeddedSingleStore(), "the external and sharded test stores are made elsewhere");
        var provider = db.sql("select datlocprovider::text || ' ' || coalesce(datlocale, '') from pg_database"
                + " where datname = current_database()").query(String.class).single();
        assertThat(provider).isEqualTo("b C.UTF-8");
    }

    @Test
    void text_sorts_by_code_point_as_before() {
        assumeTrue(embeddedSingleStore(), "the external and sharded test stores are made elsewhere");
        List<String> sorted = db.sql("select x from unnest(array['b', 'é', 'B', '中', 'a', 'Z', 'z', 'H4113', 'H41130']) x order by x")
                .query(String.class).list();
        assertThat(sorted).containsExactly("B", "H4113", "H41130", "Z", "a", "b", "z", "é", "中");
        assertThat(db.sql("select upper('é中b')").query(String.class).single()).isEqualTo("É中B");
    }
}
