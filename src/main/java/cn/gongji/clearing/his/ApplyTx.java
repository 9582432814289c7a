package cn.gongji.clearing.his;

import cn.gongji.clearing.db.ApplicationService;
import cn.gongji.settlement.HisBusinessException;
import cn.gongji.settlement.his.Fields;
import cn.gongji.settlement.his.HisCall;
import java.time.LocalDate;
import java.time.YearMonth;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/** 3203 清算申请 (docs/clearing.md "Clearing application"). */
@Component
class ApplyTx {

    private final ApplicationService applications;
    private final ObjectMapper json;

    ApplyTx(ApplicationService applications, ObjectMapper json) {
        this.applications = applications;
        this.json = json;
    }

    JsonNode apply(HisCall call) {
        Fields d = call.input().obj("data");
        String clrType = d.code("clr_type", "11", "41");
        YearMonth ym = Inputs.month(d, "setlym");
        LocalDate[] range = Inputs.range(d, "begndate", "enddate");
        if (!YearMonth.from(range[0]).equals(ym) || !YearMonth.from(range[1]).equals(ym)) {
            throw HisBusinessException.field(d.path("begndate"), "begndate 与 enddate 应在清算年月 " + ym + " 之内",
                    "begndate and enddate must lie within setlym " + ym);
        }
        d.optDecimal("med_sumfee", 2);     // read for its form only
        var app = new ApplicationService.Application(call.inst().code(), clrType, ym, range[0], range[1],
                d.money("fund_appy_sum"), d.money("medfee_sumamt"), d.optMoney("acct_pay"), d.optMoney("cash_payamt"),
                d.node());
        String id = applications.apply(app, call.msgid());
        ObjectNode out = json.createObjectNode();
        out.putObject("data").put("clr_appy_evt_id", id);
        return out;
    }
}
