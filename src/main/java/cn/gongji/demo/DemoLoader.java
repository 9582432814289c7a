package cn.gongji.demo;

import cn.gongji.catalog.CatalogStore;
import cn.gongji.common.Money;
import cn.gongji.ops.pii.PiiCrypto;
import cn.gongji.registry.InstitutionService;
import cn.gongji.registry.NewInstitution;
import cn.gongji.registry.PersonStore;
import cn.gongji.registry.Secrets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Writes a {@link DemoSet} with batch inserts through the same stores the agency API uses. Not
 * transactional itself: the caller decides (the runner wraps it in one transaction).
 */
public final class DemoLoader {

    private final JdbcTemplate jdbc;
    private final JdbcClient db;

    private final PiiCrypto crypto;

    public DemoLoader(JdbcTemplate jdbc, PiiCrypto crypto) {
        this.jdbc = jdbc;
        this.crypto = crypto;
        this.db = JdbcClient.create(jdbc);
    }

    public record Summary(int institutions, int persons, int retired, int bindings, int catalogItems, Money balances) {
        @Override
        public String toString() {
            return "demo data loaded (synthetic): %d institutions, %d persons (%d retired), %d family bindings, %d catalog items, opening balances %s yuan"
                    .formatted(institutions, persons, retired, bindings, catalogItems, balances);
        }
    }

    public Summary load(DemoSet set) {
        List<NewInstitution> institutions = new ArrayList<>();
        for (NewInstitution n : set.institutions()) {
            institutions.add(n.secret() != null ? n : n.withLevelAndSecret(n.level(), Secrets.newSecret()));
        }
        // physical hospitals first: internet hospitals reference them
        new InstitutionService(db, jdbc).insert(institutions.stream().filter(n -> n.internetOf() == null).toList());
        new InstitutionService(db, jdbc).insert(institutions.stream().filter(n -> n.internetOf() != null).toList());

        Map<String, Money> opening = new HashMap<>();
        Money total = Money.ZERO;
        for (int i = 0; i < set.persons().size(); i++) {
            Money m = set.openingBalances().get(i);
            total = total.plus(m);
            opening.put(set.persons().get(i).psnNo(), m);
        }
        new PersonStore(db, jdbc, crypto).insert(set.persons(), opening, new PersonStore.OpeningSource("demo-opening",
                "demo_data", "demo", "演示数据期初余额 / demo opening balance"));
        db.sql("select setval('psn_no_seq', greatest(:n, (select last_value from psn_no_seq)))")
                .param("n", set.persons().size()).query(Long.class).single();
        jdbc.batchUpdate("insert into family_binding (psn_no, member_psn_no, relation) values (?, ?, ?)",
                set.bindings().stream().map(b -> new Object[] {b.holder(), b.member(), b.relation()}).toList());
        new CatalogStore(db, jdbc).upsert(set.catalog());
        int retired = (int) set.persons().stream().filter(r -> r.person().status().code().equals("retired")).count();
        return new Summary(institutions.size(), set.persons().size(), retired, set.bindings().size(),
                set.catalog().size(), total);
    }
}
