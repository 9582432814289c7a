package cn.gongji.console.institution;

import cn.gongji.registry.InstitutionService.Institution;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The institution's latest settlements and cancellations (newest first). */
@Component
class RecentSettlementsPanel implements InstitutionPanel {

    static final int ROWS = 20;

    public record Recent(String setlId, String refdSetlId, String psnNo, OffsetDateTime setlTime, BigDecimal medfee,
            BigDecimal fundPay, BigDecimal acctPay, BigDecimal cash, boolean cancelled) {}

    private final JdbcClient db;
    private final java.time.Clock clock;

    RecentSettlementsPanel(JdbcClient db, java.time.Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public String fragment() {
        return "console/panels :: recent";
    }

    @Override
    public String title() {
        return "inst.panel.recent";
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public Map<String, Object> model(Institution inst) {
        List<Recent> rows = db.sql("""
                select setl_id, refd_setl_id, psn_no, setl_time, medfee_sumamt, hifp_pay, acct_pay, psn_cash_pay,
                       cancelled_at is not null
                from settlement where fixmedins_code = :c order by setl_time desc, setl_id desc limit :n
                """).param("c", inst.code()).param("n", ROWS)
                .query((rs, i) -> new Recent(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class), rs.getBigDecimal(5), rs.getBigDecimal(6),
                        rs.getBigDecimal(7), rs.getBigDecimal(8), rs.getBoolean(9)))
                .list();
        return Map.of("rows", rows, "zone", clock.getZone());
    }
}
