package cn.gongji.settlement.his;

import cn.gongji.settlement.HisBusinessException;
import cn.gongji.settlement.Person;
import cn.gongji.settlement.ReferenceData;
import cn.gongji.settlement.Registration;
import cn.gongji.settlement.Visit;
import cn.gongji.settlement.VisitService;
import java.util.Optional;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/** 2201 registration, 2202 registration cancel, 2203 visit information. */
@Component
public class VisitTx {

    static final String[] MED_TYPES = {"11", "13"};
    static final String[] CERT_TYPES = {"01", "02", "03"};

    private final VisitService visits;
    private final ReferenceData ref;
    private final ObjectMapper json;

    public VisitTx(VisitService visits, ReferenceData ref, ObjectMapper json) {
        this.visits = visits;
        this.ref = ref;
        this.json = json;
    }

    /**
     * One statement when the registration is in order (the visit inserted from the person's row);
     * otherwise the step-by-step path, which reads the person and answers the exact refusal.
     */
    public JsonNode register(HisCall call) {
        Fields d = call.input().obj("data");
        String psnNo = d.str("psn_no");
        Registration r;
        try {
            r = registration(d, call);
        } catch (HisBusinessException e) { // the person's refusal comes first, as on the step-by-step path
            call.person(ref, psnNo);
            throw e;
        }
        Visit v = visits.registerWhenValid(call.inst(), psnNo, call.env().insuplcAdmdvs(), r)
                .orElseGet(() -> visits.register(call.inst(), call.person(ref, psnNo), r));
        return output(v.mdtrtId(), v.psnNo(), v.iptOtpNo());
    }

    /**
     * 2201 in ONE round trip, with no transaction around it ({@link HisRoutes.Route#withoutTransaction},
     * when {@link AnswerSlot#enabled}): when the registration is plainly in order, the visit and the
     * message's stored answer are written by one statement ({@link VisitService#registerAnswered}),
     * and that answer is returned. Empty when anything is not plainly in order, or the statement
     * failed (a msgid already stored, among others): nothing was written, and the caller runs the
     * message the ordinary way ({@link #register} in a transaction), which gives the exact answer,
     * refusals and replays included.
     */
    public Optional<byte[]> registerAnswered(HisCall call) {
        if (!call.answer().enabled()) {
            return Optional.empty();
        }
        try {
            Registration r = registration(call.input().obj("data"), call);
            boolean done = visits.registerAnswered(call.inst(), call.env().insuplcAdmdvs(), r,
                    mdtrtId -> call.answer().render(output(mdtrtId, r.psnNo(), r.iptOtpNo())));
            return done ? call.answer().storedByHandler() : Optional.empty();
        } catch (HisBusinessException | DataAccessException e) {
            return Optional.empty();
        }
    }

    private JsonNode output(String mdtrtId, String psnNo, String iptOtpNo) {
        ObjectNode out = json.createObjectNode();
        ObjectNode data = out.putObject("data");
        data.put("mdtrt_id", mdtrtId);
        data.put("psn_no", psnNo);
        data.put("ipt_otp_no", iptOtpNo);
        return out;
    }

    private static Registration registration(Fields d, HisCall call) {
        String insutype = d.code("insutype", "310");
        String medType = d.optStr("med_type") == null ? "11" : d.code("med_type", MED_TYPES);
        String certType = d.optStr("mdtrt_cert_type") == null ? null : d.code("mdtrt_cert_type", CERT_TYPES);
        return new Registration(d.str("psn_no"), insutype, d.dateTime("begntime"), medType,
                d.optStr("ipt_otp_no"), certType, d.optStr("mdtrt_cert_no"), d.optStr("atddr_no"), d.optStr("dr_name"),
                d.optStr("dept_code"), d.optStr("dept_name"), d.optStr("caty"), call.env().mdtrtareaAdmvs(), call.msgid());
    }

    public JsonNode cancel(HisCall call) {
        Fields d = call.input().obj("data");
        Person p = call.person(ref, d.str("psn_no"));
        visits.cancelRegistration(call.inst(), p.psnNo(), d.str("mdtrt_id"));
        return json.createObjectNode();
    }

    public JsonNode info(HisCall call) {
        Fields d = call.input().obj("mdtrtinfo");
        Person p = call.person(ref, d.str("psn_no"));
        String medType = d.optStr("med_type") == null ? null : d.code("med_type", MED_TYPES);
        visits.updateInfo(call.inst(), p.psnNo(), d.str("mdtrt_id"), medType, d.optStr("main_cond_dscr"),
                d.optStr("dise_codg"), d.optStr("dise_name"));
        return json.createObjectNode();
    }
}
