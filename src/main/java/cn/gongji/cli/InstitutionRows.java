package cn.gongji.cli;

import cn.gongji.registry.InstitutionService;
import cn.gongji.registry.InstitutionService.Institution;
import cn.gongji.registry.NewInstitution;
import cn.gongji.web.FieldReader;
import cn.gongji.web.Input;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * institutions.csv: the columns of POST /api/admin/institutions plus an optional {@code secret}.
 * Key: fixmedins_code (registered already → skipped). internet_of may name a hospital registered
 * before or on an earlier row. Secrets generated here are added to {@code <file>.secrets.csv}
 * (owner-only permissions) as each chunk commits: the only place they are shown, so the secrets of an
 * earlier run into the same file stay in it.
 */
final class InstitutionRows implements RowImporter {

    private final InstitutionService store;
    private final TransactionTemplate tx;
    private final Path secretsFile;
    private final Map<String, Institution> accepted = new HashMap<>();
    private final Map<String, String> generated = new LinkedHashMap<>();

    InstitutionRows(InstitutionService store, TransactionTemplate tx, Path secretsFile) {
        this.store = store;
        this.tx = tx;
        this.secretsFile = secretsFile;
    }

    @Override
    public Set<String> columns() {
        return Set.of("fixmedins_code", "fixmedins_name", "kind", "level", "admdvs", "dual_channel", "external_rx",
                "internet_of", "secret");
    }

    @Override
    public Set<String> requiredColumns() {
        return Set.of("fixmedins_code", "fixmedins_name", "kind", "admdvs");
    }

    @Override
    public void importChunk(List<CsvRow> rows, ImportReport report, boolean dryRun) {
        List<NewInstitution> fresh = new ArrayList<>();
        Map<String, String> secrets = new LinkedHashMap<>();
        for (CsvRow row : rows) {
            FieldReader r = new FieldReader(Input.of(row.values()));
            NewInstitution n = NewInstitution.read(r, true);
            if (n == null) {
                report.fail(row.line(), r.problems());
                continue;
            }
            if (accepted.containsKey(n.code())) {
                report.fail(row.line(), "fixmedins_code", "在文件中重复", "appears twice in the file");
                continue;
            }
            if (store.find(n.code()).isPresent()) {
                report.skipped++;
                continue;
            }
            Optional<NewInstitution> ready = InstitutionService.resolve(n,
                    code -> Optional.ofNullable(accepted.get(code)).or(() -> store.find(code)));
            if (ready.isEmpty()) {
                report.fail(row.line(), "internet_of", "应为已登记或前面行中的实体医院编码",
                        "must be a physical hospital registered already or on an earlier row");
                continue;
            }
            NewInstitution i = ready.get();
            accepted.put(i.code(), new Institution(i.code(), i.name(), i.kind(), i.level(), i.admdvs(), i.dualChannel(),
                    i.externalRx(), i.internetOf(), true));
            if (n.secret() == null) {
                secrets.put(i.code(), i.secret());
            }
            fresh.add(i);
        }
        if (!dryRun && !fresh.isEmpty()) {
            if (!secrets.isEmpty()) {
                createSecretsFile();   // before the rows are written: a secret nobody can read is lost
            }
            // parents before their internet hospitals
            tx.executeWithoutResult(s -> {
                store.insert(fresh.stream().filter(i -> i.internetOf() == null).toList());
                store.insert(fresh.stream().filter(i -> i.internetOf() != null).toList());
            });
            appendSecrets(secrets);
        }
        generated.putAll(secrets);
        report.imported += fresh.size();
    }

    /** Creates the secrets file, owner-only, with its header; an existing one (an earlier run's secrets) is kept. */
    private void createSecretsFile() {
        try {
            if (Files.exists(secretsFile)) {
                return;
            }
            if (secretsFile.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                // the secrets file is readable by its owner only
                Files.createFile(secretsFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(secretsFile);
            }
            Files.writeString(secretsFile, "fixmedins_code,secret\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("无法写入密钥文件 " + secretsFile + " / cannot write the secrets file " + secretsFile
                    + ": " + e.getMessage(), e);
        }
    }

    private void appendSecrets(Map<String, String> secrets) {
        StringBuilder sb = new StringBuilder();
        secrets.forEach((code, secret) -> sb.append(code).append(',').append(secret).append('\n'));
        try {
            Files.writeString(secretsFile, sb.toString(), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("无法写入密钥文件 " + secretsFile + " / cannot write the secrets file " + secretsFile
                    + ": " + e.getMessage(), e);
        }
    }

    Path secretsFile() {
        return secretsFile;
    }

    int generatedCount() {
        return generated.size();
    }
}
