package cn.gongji.cli;

import cn.gongji.catalog.CatalogStore;
import cn.gongji.cli.CsvReader.Row;
import cn.gongji.cli.RowImporter.CsvRow;
import cn.gongji.registry.InstitutionService;
import cn.gongji.registry.PersonStore;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.InputStreamReader;
import java.io.BufferedReader;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code gongji import <kind> <file.csv> [--dry-run]}: imports institutions, persons, catalog items
 * or contribution bases from UTF-8 CSV whose header names the agency-API fields. Valid rows are
 * imported in chunks of 1,000 (one transaction each), bad rows are reported with their line and
 * skipped, rows whose key exists already are skipped, so a re-run is harmless.
 */
@Component
public class ImportCommand {

    public static final List<String> KINDS = List.of("institutions", "persons", "catalog", "contribution-bases");
    static final int CHUNK = 1000;

    /** The command could not run at all (unknown kind, unreadable file, bad header): exit code 2. */
    public static final class UsageException extends Exception {
        public UsageException(String message) {
            super(message);
        }
    }

    private final PersonStore persons;
    private final InstitutionService institutions;
    private final CatalogStore catalog;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    public ImportCommand(PersonStore persons, InstitutionService institutions, CatalogStore catalog, JdbcTemplate jdbc,
            TransactionTemplate tx, Clock clock) {
        this.clock = clock;
        this.persons = persons;
        this.institutions = institutions;
        this.catalog = catalog;
        this.jdbc = jdbc;
        this.tx = tx;
    }

    private RowImporter importerFor(String kind, Path file) throws UsageException {
        return switch (kind) {
            case "institutions" -> new InstitutionRows(institutions, tx,
                    file.resolveSibling(file.getFileName() + ".secrets.csv"));
            case "persons" -> new PersonRows(persons, tx, LocalDate.now(clock));
            case "catalog" -> new CatalogRows(catalog, tx);
            case "contribution-bases" -> new ContributionBaseRows(jdbc, tx);
            default -> throw new UsageException("未知的导入类型 " + kind + "，应为 " + String.join("|", KINDS)
                    + " / unknown kind " + kind + "; use one of " + String.join("|", KINDS));
        };
    }

    public ImportReport.Summary run(String kind, Path file, boolean dryRun, PrintStream out) throws UsageException {
        RowImporter importer = importerFor(kind == null ? "" : kind, file);
        if (!Files.isReadable(file)) {
            throw new UsageException("无法读取文件 " + file + " / cannot read file " + file);
        }
        long t0 = System.nanoTime();
        ImportReport report = new ImportReport(out, dryRun);
        CsvReader.CsvException broken = null;
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (CsvReader csv = new CsvReader(new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder), 1 << 16))) {
            Row header = csv.next();
            if (header == null) {
                throw new UsageException("文件为空，缺少表头行 / the file is empty; a header row is required");
            }
            List<String> columns = header(header, importer, out);
            List<CsvRow> chunk = new ArrayList<>(CHUNK);
            while (true) {
                Row row;
                try {
                    row = csv.next();
                } catch (CsvReader.CsvException e) {
                    broken = e;   // the rows before it are still processed, as the message says
                    break;
                }
                if (row == null) {
                    break;
                }
                report.rows++;
                if (row.fields().size() != columns.size()) {
                    report.fail(row.line(), "*", "有 " + row.fields().size() + " 列，表头有 " + columns.size() + " 列",
                            "has " + row.fields().size() + " fields, the header has " + columns.size());
                } else {
                    Map<String, String> values = new HashMap<>();
                    for (int i = 0; i < columns.size(); i++) {
                        values.put(columns.get(i), row.fields().get(i).strip());
                    }
                    chunk.add(new CsvRow(row.line(), values));
                }
                if (chunk.size() == CHUNK) {
                    importer.importChunk(chunk, report, dryRun);
                    chunk.clear();
                    report.flush();
                }
                report.progress();
            }
            if (!chunk.isEmpty()) {
                importer.importChunk(chunk, report, dryRun);
            }
            importer.finish(report, dryRun);
            report.flush();
            if (importer instanceof InstitutionRows ir && !dryRun && ir.generatedCount() > 0) {
                out.println("新机构的密钥已写入 " + ir.secretsFile() + "（仅本人可读）/ secrets of the new institutions are in "
                        + ir.secretsFile() + " (owner-only)");
            }
        } catch (UncheckedIOException e) {
            throw new UsageException(e.getMessage());
        } catch (CharacterCodingException e) {
            throw new UsageException("文件不是 UTF-8 编码 / the file is not UTF-8 encoded");
        } catch (IOException e) {
            throw new UsageException("读取失败 / read failed: " + e.getMessage());
        }
        ImportReport.Summary summary = report.summary();
        out.println(summary + "（用时 / took " + (System.nanoTime() - t0) / 1_000_000 + " ms）");
        if (broken != null) {
            throw new UsageException("第 " + broken.line + " 行 CSV 格式错误：" + broken.getMessage() + " / row " + broken.line
                    + " is not valid CSV: " + broken.getMessage() + " (rows before it were processed)");
        }
        return summary;
    }

    private static List<String> header(Row header, RowImporter importer, PrintStream out) throws UsageException {
        List<String> columns = header.fields().stream().map(c -> c.strip().toLowerCase(Locale.ROOT)).toList();
        if (columns.stream().distinct().count() != columns.size()) {
            throw new UsageException("表头有重复列 / the header repeats a column: " + columns);
        }
        List<String> missing = importer.requiredColumns().stream().filter(c -> !columns.contains(c)).sorted().toList();
        if (!missing.isEmpty()) {
            throw new UsageException("表头缺少必需列 " + missing + " / the header lacks required columns " + missing);
        }
        for (String c : columns) {
            if (!importer.columns().contains(c)) {
                out.println("忽略未知列 " + c + " / ignoring unknown column " + c);
            }
        }
        return columns;
    }
}
