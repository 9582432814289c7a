package cn.gongji.cli;

import cn.gongji.web.FieldProblem;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Counts and failure lines of one import run. Failures are printed in the order of the file's lines
 * once their chunk is done ({@link #flush}): a row with the wrong number of fields is found while
 * reading, the others' problems when the chunk is checked.
 */
public final class ImportReport {

    private final PrintStream out;
    private final boolean dryRun;
    int rows;
    int imported;
    int updated;
    int skipped;
    int failed;
    private final List<Failure> pending = new ArrayList<>();

    private record Failure(int line, String text) {}

    ImportReport(PrintStream out, boolean dryRun) {
        this.out = out;
        this.dryRun = dryRun;
    }

    public record Summary(int rows, int imported, int updated, int skipped, int failed, boolean dryRun) {
        /** 0 when every row was imported or skipped, 1 when any row failed. */
        public int exitCode() {
            return failed == 0 ? 0 : 1;
        }

        @Override
        public String toString() {
            String verb = dryRun ? "（演练，未写入 / dry run, nothing written）" : "";
            return "共 %d 行：导入 %d，更新 %d，跳过 %d，失败 %d%s / %d rows: imported %d, updated %d, skipped %d, failed %d"
                    .formatted(rows, imported, updated, skipped, failed, verb, rows, imported, updated, skipped, failed);
        }
    }

    void fail(int line, List<FieldProblem> problems) {
        failed++;
        for (FieldProblem p : problems) {
            String[] m = p.message().split(" / ", 2);
            String en = m.length > 1 ? m[1] : m[0];
            pending.add(new Failure(line, "第 %d 行 %s: %s / row %d %s: %s".formatted(line, p.field(), m[0], line, p.field(), en)));
        }
    }

    /** Prints the failures found so far, by line. */
    void flush() {
        pending.sort(Comparator.comparingInt(Failure::line));
        pending.forEach(f -> out.println(f.text()));
        pending.clear();
    }

    void fail(int line, String field, String zh, String en) {
        fail(line, List.of(FieldProblem.of(field, zh, en)));
    }

    void progress() {
        if (rows % 10_000 == 0) {
            out.println("已处理 %d 行 / %d rows processed".formatted(rows, rows));
        }
    }

    Summary summary() {
        return new Summary(rows, imported, updated, skipped, failed, dryRun);
    }
}
