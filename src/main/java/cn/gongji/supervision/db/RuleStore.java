package cn.gongji.supervision.db;

import cn.gongji.supervision.Params;
import cn.gongji.supervision.RuleSettings;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The agency's rule settings (supervision_rule, supervision_rule_param). The settlement path reads
 * them from memory: they are reloaded after a change through the API, and at most every
 * {@code gongji.supervision.settings-ttl} (default 30 s), so another instance's change arrives soon.
 */
@Component
public class RuleStore {

    private final JdbcClient db;
    private final long ttlNanos;
    private volatile RuleSettings cached;
    private volatile long loadedAt;

    public RuleStore(JdbcClient db, @Value("${gongji.supervision.settings-ttl:PT30S}") Duration ttl) {
        this.db = db;
        this.ttlNanos = ttl.toNanos();
    }

    public RuleSettings settings() {
        RuleSettings s = cached;
        if (s == null || System.nanoTime() - loadedAt > ttlNanos) {
            s = load();
            cached = s;
            loadedAt = System.nanoTime();
        }
        return s;
    }

    public void invalidate() {
        cached = null;
    }

    RuleSettings load() {
        Map<String, Map<String, BigDecimal>> params = new HashMap<>();
        db.sql("select rule_id, name, value from supervision_rule_param").query((rs, i) -> {
            params.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).put(rs.getString(2), rs.getBigDecimal(3).stripTrailingZeros());
            return null;
        }).list();
        Set<String> disabled = new HashSet<>(db.sql("select rule_id from supervision_rule where not enabled").query(String.class).list());
        Map<String, Params> p = new HashMap<>();
        params.forEach((k, v) -> p.put(k, Params.of(v)));
        return new RuleSettings(p, disabled);
    }

    /** Sets parameters and the switch of one rule (only parameters the rule knows; checked by the caller). */
    public void update(String ruleId, Boolean enabled, Map<String, BigDecimal> values, String actor) {
        db.sql("insert into supervision_rule (rule_id) values (:r) on conflict do nothing").param("r", ruleId).update();
        if (enabled != null) {
            db.sql("update supervision_rule set enabled = :e, updated_at = now(), updated_by = :a where rule_id = :r")
                    .param("e", enabled).param("a", actor).param("r", ruleId).update();
        }
        values.forEach((name, v) -> db.sql("""
                insert into supervision_rule_param (rule_id, name, value, updated_by) values (:r, :n, :v, :a)
                on conflict (rule_id, name) do update set value = excluded.value, updated_at = now(), updated_by = excluded.updated_by
                """).param("r", ruleId).param("n", name).param("v", v).param("a", actor).update());
        invalidate();
    }
}
