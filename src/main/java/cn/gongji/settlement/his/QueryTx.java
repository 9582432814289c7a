package cn.gongji.settlement.his;

import cn.gongji.benefit.StatusHistory;
import cn.gongji.common.Money;
import cn.gongji.policy.db.PolicyStore;
import cn.gongji.settlement.FeeLineRow;
import cn.gongji.settlement.FeeService;
import cn.gongji.settlement.HisBusinessException;
import cn.gongji.settlement.Person;
import cn.gongji.settlement.ReferenceData;
import cn.gongji.settlement.SettlementRow;
import cn.gongji.settlement.SettlementStore;
import cn.gongji.settlement.Visit;
import cn.gongji.settlement.VisitService;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** 5203 settlement query, 5204 fee detail query, 5206 cumulative figures. Institutions see their own visits only. */
@Component
public class QueryTx {

    /** cum_type_code values answered by 5206 (regional choice, docs/protocol.md). */
    static final String CUM_POOL_PAID = "310100";
    static final String CUM_POOL_REMAINING = "310100R";
    private static final DateTimeFormatter CUM_YM = DateTimeFormatter.ofPattern("uuuuMM");

    private final SettlementStore settlements;
    private final VisitService visits;
    private final FeeService fees;
    private final ReferenceData ref;
    private final PolicyStore policies;
    private final SettleTx settleTx;
    private final JdbcClient db;
    private final ObjectMapper json;
    private final Clock clock;

    public QueryTx(SettlementStore settlements, VisitService visits, FeeService fees, ReferenceData ref,
            PolicyStore policies, SettleTx settleTx, JdbcClient db, ObjectMapper json, Clock clock) {
        this.settlements = settlements;
        this.visits = visits;
        this.fees = fees;
        this.ref = ref;
        this.policies = policies;
        this.settleTx = settleTx;
        this.db = db;
        this.json = json;
        this.clock = clock;
    }

    public JsonNode settlement(HisCall call) {
        Fields d = call.input().obj("data");
        Person p = call.person(ref, d.str("psn_no"));
        String setlId = d.optStr("setl_id");
        SettlementRow s;
        if (setlId != null) {
            s = settlements.find(setlId).orElseThrow(() -> notFound("结算ID " + setlId));
        } else {
            String mdtrtId = d.str("mdtrt_id");
            s = settlements.liveFor(mdtrtId).orElseThrow(() -> notFound("就诊 " + mdtrtId + " 的有效结算"));
        }
        if (!s.fixmedinsCode().equals(call.inst().code()) || !s.psnNo().equals(p.psnNo())) {
            throw notFound("结算ID " + s.setlId());
        }
        return settleTx.render(call, s);
    }

    public JsonNode feeDetails(HisCall call) {
        Fields d = call.input().obj("data");
        Person p = call.person(ref, d.str("psn_no"));
        String setlId = d.optStr("setl_id");
        List<FeeLineRow> lines;
        String mdtrtId;
        if (setlId != null) {
            SettlementRow s = settlements.find(setlId).orElseThrow(() -> notFound("结算ID " + setlId));
            mdtrtId = s.mdtrtId();
            lines = db.sql("select f.* from fee_line f join settlement_line l on l.line_id = f.line_id where l.setl_id = :s order by f.line_id")
                    .param("s", s.refdSetlId() != null ? s.refdSetlId() : s.setlId())
                    .query(FeeLineRow::map).list();
        } else {
            mdtrtId = d.str("mdtrt_id");
            lines = fees.liveLines(mdtrtId);
        }
        Visit v = visits.find(mdtrtId).orElseThrow(() -> notFound("就诊 " + mdtrtId));
        if (!v.fixmedinsCode().equals(call.inst().code()) || !v.psnNo().equals(p.psnNo())) {
            throw notFound("就诊 " + mdtrtId);
        }
        ArrayNode rows = json.createArrayNode();
        for (FeeLineRow r : lines) {
            ObjectNode o = rows.addObject();
            o.put("mdtrt_id", r.mdtrtId());
            o.put("psn_no", r.psnNo());
            o.put("chrg_bchno", r.chrgBchno());
            o.put("med_list_codg", r.medListCodg());
            o.put("medins_list_codg", r.medinsListCodg());
            FeeTx.line(o, r);
            o.put("setl_id", r.setlId());
        }
        return rows;
    }

    public JsonNode cumulative(HisCall call) {
        Fields d = call.input().obj("data");
        Person p = call.person(ref, d.str("psn_no"));
        YearMonth ym = d.optMonth("cum_ym");
        LocalDate today = LocalDate.now(clock);
        if (ym == null) {
            ym = YearMonth.from(today);
        }
        int year = ym.getYear();
        String cumYm = ym.format(CUM_YM);
        Money paid = settlements.accumulator(p.psnNo(), year);
        LocalDate asOf = year == today.getYear() ? today : LocalDate.of(year, 12, 31);
        Money limit = policies.book().inForceOn(asOf).annualLimit(StatusHistory.statusOn(ref.statusHistory(p.psnNo()), asOf));
        ObjectNode out = json.createObjectNode();
        ArrayNode cum = out.putArray("cuminfo");
        row(cum.addObject(), year, cumYm, CUM_POOL_PAID, paid);
        row(cum.addObject(), year, cumYm, CUM_POOL_REMAINING, limit.minus(paid).atLeastZero());
        return out;
    }

    private static void row(ObjectNode o, int year, String cumYm, String code, Money cum) {
        o.put("insutype", "310");
        o.put("year", year);
        o.put("cum_ym", cumYm);
        o.put("cum_type_code", code);
        Out.money(o, "cum", cum);
    }

    private static HisBusinessException notFound(String what) {
        return new HisBusinessException("NOT_FOUND", what + " 不存在或不属于本机构 / not found for this institution");
    }
}
