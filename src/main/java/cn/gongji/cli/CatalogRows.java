package cn.gongji.cli;

import cn.gongji.catalog.CatalogItem;
import cn.gongji.catalog.CatalogStore;
import cn.gongji.web.FieldReader;
import cn.gongji.web.Input;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * catalog.csv: the item fields of POST /api/admin/catalog/items plus dual_channel. Upsert by
 * med_list_codg: new → imported, changed → updated, identical → skipped (so a re-run changes nothing).
 */
final class CatalogRows implements RowImporter {

    private final CatalogStore store;
    private final TransactionTemplate tx;
    private final Map<String, Integer> seen = new HashMap<>();
    private final CatalogItem.GenericStandards standards = new CatalogItem.GenericStandards();

    CatalogRows(CatalogStore store, TransactionTemplate tx) {
        this.store = store;
        this.tx = tx;
    }

    @Override
    public Set<String> columns() {
        return Set.of("med_list_codg", "name", "list_type", "chrgitm_lv", "selfpay_prop", "pay_std", "med_chrgitm_type",
                "acct_payable", "dual_channel", "gender_limit", "min_age", "max_age", "max_qty_per_visit", "generic_name");
    }

    @Override
    public Set<String> requiredColumns() {
        return Set.of("med_list_codg", "name", "list_type", "chrgitm_lv");
    }

    @Override
    public void importChunk(List<CsvRow> rows, ImportReport report, boolean dryRun) {
        List<CatalogItem> valid = new ArrayList<>();
        for (CsvRow row : rows) {
            FieldReader r = new FieldReader(Input.of(row.values()));
            CatalogItem item = CatalogItem.read(r);
            if (item == null) {
                report.fail(row.line(), r.problems());
                continue;
            }
            Integer dup = seen.putIfAbsent(item.medListCodg(), row.line());
            if (dup != null) {
                report.fail(row.line(), "med_list_codg", "与第 " + dup + " 行重复", "duplicates row " + dup);
                continue;
            }
            var other = standards.conflict(item, String.valueOf(row.line()));
            if (other.isPresent()) {
                report.fail(row.line(), "pay_std", "与同一通用名 " + item.genericName() + " 的第 " + other.get() + " 行支付标准不同",
                        "differs from row " + other.get() + " of the same generic name " + item.genericName());
                continue;
            }
            valid.add(item);
        }
        Set<String> existing = store.existing(valid.stream().map(CatalogItem::medListCodg).toList());
        int created = (int) valid.stream().filter(i -> !existing.contains(i.medListCodg())).count();
        // a dry run writes as the real run would and rolls back, so that it tells changed from identical rows
        Integer written = valid.isEmpty() ? 0 : tx.execute(s -> {
            int n = store.upsert(valid);
            if (dryRun) {
                s.setRollbackOnly();
            }
            return n;
        });
        report.imported += created;
        report.updated += written - created;
        report.skipped += valid.size() - written;
    }
}
