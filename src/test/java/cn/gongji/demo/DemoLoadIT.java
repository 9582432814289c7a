package cn.gongji.demo;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gongji.support.ServiceIT;
import java.sql.Connection;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Loads the demo data into scratch schemas (copies of the real tables) so the shared test
 * database keeps its own persons, and compares what two loads with the same seed wrote.
 */
@ServiceIT
class DemoLoadIT {

    static final List<String> TABLES = List.of("institution", "catalog_item", "person", "person_status",
            "contribution_base", "account", "account_entry", "family_binding");

    @Autowired
    DataSource dataSource;

    private String loadInto(String schema, long seed) throws Exception {
        JdbcTemplate admin = new JdbcTemplate(dataSource);
        admin.execute("drop schema if exists " + schema + " cascade");
        admin.execute("create schema " + schema);
        for (String t : TABLES) {
            admin.execute("create table " + schema + "." + t + " (like public." + t + " including all)");
        }
        admin.execute("create sequence " + schema + ".psn_no_seq");
        try (Connection c = dataSource.getConnection()) {
            c.createStatement().execute("set search_path to " + schema);
            JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(c, true));
            long t0 = System.nanoTime();
            DemoLoader.Summary s = new DemoLoader(jdbc, cn.gongji.support.RefData.CRYPTO).load(DemoGenerator.generate(seed, DemoGenerator.DEFAULT_PERSONS));
            System.out.println(s + " in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
            String hash = jdbc.queryForObject("""
                    select md5(concat_ws('/',
                      (select string_agg(concat_ws(',', fixmedins_code, fixmedins_name, kind, level, admdvs, dual_channel,
                              external_rx, internet_of), ';' order by fixmedins_code) from institution),
                      (select string_agg(concat_ws(',', psn_no, certno_hash, psn_name, gend, brdy, insuplc_admdvs, emp_name,
                              insu_date, card_no, evoucher_token), ';' order by psn_no) from person),
                      (select string_agg(concat_ws(',', psn_no, seq, status, processed_date), ';' order by psn_no, seq) from person_status),
                      (select string_agg(concat_ws(',', psn_no, effective_month, amount), ';' order by psn_no) from contribution_base),
                      (select string_agg(concat_ws(',', psn_no, balance), ';' order by psn_no) from account),
                      (select string_agg(concat_ws(',', psn_no, amount, kind, ref, balance_after), ';' order by psn_no) from account_entry),
                      (select string_agg(concat_ws(',', psn_no, member_psn_no, relation), ';' order by psn_no, member_psn_no) from family_binding),
                      (select string_agg(concat_ws(',', med_list_codg, name, list_type, chrgitm_lv, selfpay_prop, pay_std,
                              med_chrgitm_type, acct_payable, dual_channel), ';' order by med_list_codg) from catalog_item)))
                    """, String.class);
            assertThat(jdbc.queryForObject("select count(*) from person", Long.class)).isEqualTo(10_000L);
            assertThat(jdbc.queryForObject("""
                    select count(*) from account a
                    where a.balance <> (select coalesce(sum(e.amount), 0) from account_entry e where e.psn_no = a.psn_no)
                    """, Long.class)).isZero();
            assertThat(jdbc.queryForObject("select balance from account where psn_no = '41130000000000000001'",
                    java.math.BigDecimal.class)).isEqualByComparingTo("500.00");
            assertThat(jdbc.queryForObject("select nextval('psn_no_seq')", Long.class)).isEqualTo(10_001L);
            c.createStatement().execute("set search_path to public");
            return hash;
        } finally {
            admin.execute("drop schema if exists " + schema + " cascade");
        }
    }

    @Test
    void two_loads_with_the_same_seed_write_identical_data() throws Exception {
        String a = loadInto("demo_check_a", 20220701L);
        String b = loadInto("demo_check_b", 20220701L);
        assertThat(a).isEqualTo(b);
    }
}
