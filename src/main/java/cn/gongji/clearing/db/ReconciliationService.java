package cn.gongji.clearing.db;

import cn.gongji.clearing.ClearingRefused;
import cn.gongji.clearing.DetailFile;
import cn.gongji.clearing.DetailMatch;
import cn.gongji.clearing.DetailRow;
import cn.gongji.clearing.Item;
import cn.gongji.clearing.Totals;
import cn.gongji.clearing.TotalsCheck;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * 3201 / 3202: the institution's figures against the settlement rows of the range (by setl_time,
 * Asia/Shanghai, dates inclusive), whatever their clearing. Every result is recorded; 3203 looks for
 * an agreeing one. Runs inside the HIS transaction of the message.
 */
@Service
public class ReconciliationService {

    public record Range(String inst, String clrType, LocalDate from, LocalDate to) {}

    public record TotalsResult(long reconId, TotalsCheck.Verdict verdict) {}

    public record DetailResult(long reconId, boolean agrees, String description, String resultFile, String filename,
            DetailMatch.Report report) {}

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private final ItemStore items;
    private final JdbcClient db;
    private final ObjectMapper json;
    private final Clock clock;

    public ReconciliationService(ItemStore items, JdbcClient db, ObjectMapper json, Clock clock) {
        this.items = items;
        this.db = db;
        this.json = json;
        this.clock = clock;
    }

    public Totals ours(Range r) {
        return Totals.of(items.inRange(r.inst(), r.clrType(), r.from(), r.to()));
    }

    public TotalsResult totals(Range r, TotalsCheck.Theirs theirs, String msgid) {
        Totals ours = ours(r);
        TotalsCheck.Verdict v = TotalsCheck.compare(ours, theirs);
        long id = record(r, "3201", v.agrees(), theirs(theirs), ours, v.description(), null, null, msgid);
        return new TotalsResult(id, v);
    }

    public DetailResult detail(Range r, TotalsCheck.Theirs theirs, String fileQuryNo, String msgid) {
        Stored upload = file(r.inst(), fileQuryNo, "upload");
        List<DetailRow> rows;
        try {
            rows = DetailFile.parse(new String(upload.content(), StandardCharsets.UTF_8));
        } catch (DetailFile.Malformed e) {
            throw new ClearingRefused("file", "file_qury_no", e.getMessage().substring(0, e.getMessage().indexOf(" / ")),
                    e.getMessage().substring(e.getMessage().indexOf(" / ") + 3));
        }
        List<Item> ours = items.inRange(r.inst(), r.clrType(), r.from(), r.to());
        DetailMatch.Report report = DetailMatch.compare(rows, ours);
        TotalsCheck.Verdict totals = TotalsCheck.compare(Totals.of(ours), theirs);
        boolean agrees = report.agrees() && totals.agrees();
        String dscr = (report.agrees() ? "明细一致 " + report.agreed() + " 笔" : "明细不一致：一致 " + report.agreed() + " 笔，中心无 "
                + report.missingOurs() + " 笔，机构无 " + report.missingTheirs() + " 笔，金额不符 " + report.differs()
                + " 笔，见结果文件") + (totals.agrees() ? "" : "；" + totals.description().substring(0,
                totals.description().indexOf(" / "))) + " / detail: " + report.agreed() + " agree, " + report.missingOurs()
                + " missing on our side, " + report.missingTheirs() + " missing on theirs, " + report.differs() + " differ"
                + (totals.agrees() ? "" : "; totals differ");
        String filename = "3202_" + r.inst() + "_" + r.from() + "_" + r.to() + ".txt";
        String resultId = store(r.inst(), filename, DetailMatch.resultFile(report).getBytes(StandardCharsets.UTF_8), "result");
        long id = record(r, "3202", agrees, theirs(theirs), Totals.of(ours), dscr, fileQuryNo, resultId, msgid);
        return new DetailResult(id, agrees, dscr, resultId, filename, report);
    }

    public record Stored(String fileQuryNo, String filename, String kind, byte[] content) {}

    public String store(String inst, String filename, byte[] content, String kind) {
        long n = db.sql("select nextval('clearing_seq')").query(Long.class).single();
        String id = "F" + java.time.LocalDateTime.now(clock).format(STAMP) + String.format("%08d", n % 100_000_000L);
        db.sql("""
                insert into clearing_file (file_qury_no, fixmedins_code, filename, kind, content, created_at)
                values (:id, :i, :f, :k, :c, :at)
                """).param("id", id).param("i", inst).param("f", filename).param("k", kind).param("c", content)
                .param("at", ItemStore.ts(clock.instant())).update();
        return id;
    }

    /** An institution's own file; {@code kind} null = either kind. */
    public Stored file(String inst, String fileQuryNo, String kind) {
        return db.sql("select file_qury_no, filename, kind, content from clearing_file where file_qury_no = :id and fixmedins_code = :i")
                .param("id", fileQuryNo).param("i", inst)
                .query((rs, n) -> new Stored(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBytes(4)))
                .optional().filter(s -> kind == null || s.kind().equals(kind))
                .orElseThrow(() -> new ClearingRefused("file", "file_qury_no", "文件 " + fileQuryNo + " 不存在或不属于本机构"
                        + (kind == null ? "" : "（应为 9101 上传的文件）"), "file " + fileQuryNo + " not found for this institution"));
    }

    private long record(Range r, String infno, boolean agreed, ObjectNode theirs, Totals ours, String dscr,
            String upload, String result, String msgid) {
        return db.sql("""
                insert into clearing_reconciliation (fixmedins_code, infno, clr_type, begndate, enddate, agreed, theirs,
                    ours, dscr, upload_file, result_file, msgid, created_at)
                values (:i, :n, :c, :f, :t, :a, cast(:th as json), cast(:o as json), :d, :u, :r, :m, :at)
                returning recon_id
                """).param("i", r.inst()).param("n", infno).param("c", r.clrType()).param("f", r.from())
                .param("t", r.to()).param("a", agreed).param("th", json.writeValueAsString(theirs))
                .param("o", json.writeValueAsString(totals(ours))).param("d", dscr).param("u", upload).param("r", result)
                .param("m", msgid).param("at", ItemStore.ts(clock.instant())).query(Long.class).single();
    }

    private ObjectNode theirs(TotalsCheck.Theirs t) {
        ObjectNode o = json.createObjectNode();
        o.put("fixmedins_setl_cnt", t.count());
        o.put("medfee_sumamt", t.medfeeSumamt() == null ? null : t.medfeeSumamt().amount());
        o.put("fund_pay_sumamt", t.fundPaySumamt() == null ? null : t.fundPaySumamt().amount());
        o.put("acct_pay", t.acctPay() == null ? null : t.acctPay().amount());
        o.put("cash_payamt", t.cashPayamt() == null ? null : t.cashPayamt().amount());
        return o;
    }

    public ObjectNode totals(Totals t) {
        ObjectNode o = json.createObjectNode();
        o.put("count", t.count());
        o.put("medfee_sumamt", t.medfeeSumamt().amount());
        o.put("fund_pay_sumamt", t.fundPaySumamt().amount());
        o.put("acct_pay", t.acctPay().amount());
        o.put("psn_cash_pay", t.psnCashPay().amount());
        return o;
    }
}
