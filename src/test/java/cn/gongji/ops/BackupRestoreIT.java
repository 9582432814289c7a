package cn.gongji.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gongji.ops.backup.BackupFailed;
import cn.gongji.ops.backup.LogicalRestore;
import cn.gongji.support.HisClient;
import cn.gongji.support.Invariants;
import cn.gongji.support.RefData;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./gongji backup} and {@code ./gongji restore} on the embedded store, run as the launcher
 * runs them (separate processes on a data directory): a backup taken after settlements were
 * answered, restored into a fresh data directory, serves those settlements again with the same
 * row counts and the invariants intact. Refusals change nothing: a backup while the service holds
 * the directory, a restore over data without --force, a damaged file.
 */
class BackupRestoreIT {

    private static final Duration T = Duration.ofSeconds(90);

    @Test
    void a_backup_restored_into_a_fresh_data_directory_serves_the_settlements_answered_before_it(@TempDir Path dir)
            throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("GONGJI_TEST_DB_URL") == null,
                "backup/restore commands are for the embedded store; this runs in the embedded pass");
        ServiceProcess source = ServiceProcess.embedded(dir.resolve("a"));
        ServiceProcess target = ServiceProcess.embedded(dir.resolve("b"));
        Path file = dir.resolve("gongji-backup.zip");
        try {
            source.start(T);
            JdbcClient a = JdbcClient.create(ds(source));
            RefData ref = new RefData(a);
            RefData.Inst inst = ref.hospital("L2");
            HisClient his = new HisClient(source.baseUrl(), inst.code(), inst.secret());
            Workload load = new Workload(List.of(his), List.of(), ref.classA());
            List<Workload.Answered> answered = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String psn = ref.person("in_service");
                ref.credit(psn, "80.00");
                answered.add(load.settled(his, psn));
            }
            ServiceProcess.CommandResult busy = source.command(T, "--gongji.command=backup", "--out", file.toString());
            assertThat(busy.exitCode()).as(busy.output()).isNotZero();
            assertThat(busy.output()).contains("in use by a running Gongji").contains("APPLICATION FAILED TO START")
                    .as("the reason, not a hundred lines of bean errors").doesNotContain("\tat org.springframework");
            Map<String, Long> counts = counts(a);
            source.stop();

            ServiceProcess.CommandResult backup = source.command(T, "--gongji.command=backup", "--out", file.toString());
            assertThat(backup.exitCode()).as(backup.output()).isZero();
            assertThat(backup.output()).contains("settlement", "done");

            ServiceProcess.CommandResult restore = target.command(T, "--gongji.command=restore", "--in", file.toString());
            assertThat(restore.exitCode()).as(restore.output()).isZero();
            ServiceProcess.CommandResult again = target.command(T, "--gongji.command=restore", "--in", file.toString());
            assertThat(again.exitCode()).as(again.output()).isEqualTo(1);
            assertThat(again.output()).contains("--force", "nothing was changed");

            target.start(T);
            JdbcClient b = JdbcClient.create(ds(target));
            assertThat(counts(b)).isEqualTo(counts);
            Invariants.check(b);
            HisClient hisB = new HisClient(target.baseUrl(), inst.code(), inst.secret());
            for (Workload.Answered s : answered) {
                JsonNode r = load.ok(hisB, "5203", Workload.data("psn_no", s.psnNo(), "setl_id", s.setlId()));
                assertThat(r.path("setlinfo").path("setl_id").asString()).isEqualTo(s.setlId());
            }
            assertThat(load.visit(hisB, answered.getFirst().psnNo(), ThreadLocalRandom.current()).setlId())
                    .as("the restored store settles on").isNotIn(answered.stream().map(Workload.Answered::setlId).toList());

            Path damaged = damage(file, dir.resolve("damaged.zip"));
            LogicalRestore restorer = new LogicalRestore(ds(target), JsonMapper.builder().build());
            Map<String, Long> before = counts(b);
            assertThatThrownBy(() -> restorer.restore(damaged, true, line -> {}))
                    .isInstanceOf(BackupFailed.class).hasMessageContaining("checksum mismatch");
            assertThat(counts(b)).as("a damaged file changes nothing").isEqualTo(before);
        } finally {
            source.stop();
            target.stop();
            source.stopOrphans();
            target.stopOrphans();
        }
    }

    private static DataSource ds(ServiceProcess p) {
        return new SimpleDriverDataSource(new org.postgresql.Driver(), p.embeddedJdbcUrl(), "postgres", "");
    }

    private static Map<String, Long> counts(JdbcClient db) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String t : db.sql("""
                select table_name from information_schema.tables
                where table_schema = 'public' and table_type = 'BASE TABLE' order by 1""").query(String.class).list()) {
            out.put(t, db.sql("select count(*) from \"" + t + "\"").query(Long.class).single());
        }
        return out;
    }

    /** The same backup with one row added to the person table's data, its manifest unchanged. */
    private static Path damage(Path file, Path out) throws Exception {
        try (ZipFile in = new ZipFile(file.toFile()); ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(out))) {
            Enumeration<? extends ZipEntry> entries = in.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                zip.putNextEntry(new ZipEntry(e.getName()));
                try (InputStream s = in.getInputStream(e)) {
                    s.transferTo(zip);
                }
                if (e.getName().equals("data/institution.copy")) {
                    zip.write("X\tforged\n".getBytes());
                }
                zip.closeEntry();
            }
        }
        return out;
    }
}
