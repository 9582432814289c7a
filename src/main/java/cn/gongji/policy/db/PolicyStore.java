package cn.gongji.policy.db;

import cn.gongji.policy.PolicyBook;
import cn.gongji.policy.PolicyVersion;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Policy versions live in the policy_version table; the versions shipped as resources under
 * {@code classpath:policy/} are inserted when missing (a shipped version is never overwritten: a
 * changed parameter is a new version with a new date). The book is cached and replaced on change.
 */
@Component
public class PolicyStore {

    private static final Logger log = LoggerFactory.getLogger(PolicyStore.class);

    private final JdbcClient db;
    private final ObjectMapper json;
    private volatile PolicyBook book;

    public PolicyStore(JdbcClient db, ObjectMapper json) {
        this.db = db;
        this.json = json;
        installShipped();
        reload();
    }

    public PolicyBook book() {
        return book;
    }

    /** Adds a new version (agency API); its date must be new. */
    @Transactional
    public PolicyVersion add(JsonNode params) {
        PolicyVersion v = PolicyJson.read(params);
        db.sql("insert into policy_version (version_id, effective_from, params) values (:id, :from, cast(:p as jsonb))")
                .param("id", v.versionId())
                .param("from", v.effectiveFrom())
                .param("p", json.writeValueAsString(params))
                .update();
        reload();
        return v;
    }

    public void reload() {
        List<PolicyVersion> versions = new ArrayList<>();
        db.sql("select params::text from policy_version order by effective_from")
                .query(String.class)
                .list()
                .forEach(p -> versions.add(PolicyJson.read(json.readTree(p))));
        book = new PolicyBook(versions);
    }

    private void installShipped() {
        try {
            Resource[] shipped = new PathMatchingResourcePatternResolver().getResources("classpath:policy/*.json");
            for (Resource r : shipped) {
                try (InputStream in = r.getInputStream()) {
                    JsonNode params = json.readTree(in);
                    PolicyVersion v = PolicyJson.read(params);
                    int added = db.sql("""
                            insert into policy_version (version_id, effective_from, params)
                            values (:id, :from, cast(:p as jsonb))
                            on conflict do nothing
                            """)
                            .param("id", v.versionId())
                            .param("from", v.effectiveFrom())
                            .param("p", json.writeValueAsString(params))
                            .update();
                    if (added > 0) {
                        log.info("installed policy version {} in force from {}", v.versionId(), v.effectiveFrom());
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the shipped policy versions", e);
        }
    }
}
