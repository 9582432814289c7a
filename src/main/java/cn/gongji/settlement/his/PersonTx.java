package cn.gongji.settlement.his;

import cn.gongji.benefit.StatusHistory;
import cn.gongji.settlement.HisBusinessException;
import cn.gongji.settlement.Person;
import cn.gongji.settlement.ReferenceData;
import java.time.Clock;
import java.time.LocalDate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/** 1101 person information, by e-voucher token (01), ID number (02) or social security card (03). */
@Component
public class PersonTx {

    private final ReferenceData ref;
    private final ObjectMapper json;
    private final Clock clock;

    public PersonTx(ReferenceData ref, ObjectMapper json, Clock clock) {
        this.ref = ref;
        this.json = json;
        this.clock = clock;
    }

    public JsonNode info(HisCall call) {
        Fields d = call.input().obj("data");
        String type = d.code("mdtrt_cert_type", "01", "02", "03");
        String no = d.str("mdtrt_cert_no");
        String column = switch (type) {
            case "01" -> "evoucher_token";
            case "02" -> "certno";
            default -> "card_no";
        };
        Person p = ref.personBy(column, no).orElseThrow(() -> new HisBusinessException("PERSON",
                "未找到凭证类型 " + type + "、凭证号 " + no + " 对应的参保人 / no insured person for this credential"));
        String cardSn = d.optStr("card_sn");
        if ("03".equals(type) && cardSn != null && p.cardSn() != null && !cardSn.equals(p.cardSn())) {
            throw new HisBusinessException("CARD_SN", "社会保障卡识别码 card_sn 与卡号不符 / card_sn does not match the card");
        }
        String certno = d.optStr("certno");
        if (certno != null && !certno.equalsIgnoreCase(p.certno())) {
            throw new HisBusinessException("CERTNO", "证件号码 certno 与凭证对应的参保人不符 / certno does not match the credential");
        }
        call.checkInsuredArea(p);
        LocalDate today = LocalDate.now(clock);
        ObjectNode out = json.createObjectNode();
        ObjectNode base = out.putObject("baseinfo");
        base.put("psn_no", p.psnNo());
        base.put("psn_cert_type", p.psnCertType());
        base.put("certno", p.certno());
        base.put("psn_name", p.psnName());
        base.put("gend", p.gend());
        base.put("naty", p.naty());
        Out.date(base, "brdy", p.brdy());
        base.put("age", p.ageOn(today));
        ObjectNode insu = out.putArray("insuinfo").addObject();
        Out.money(insu, "balc", ref.ownBalance(p.psnNo()));
        insu.put("insutype", "310");
        insu.put("psn_type", StatusHistory.statusOn(ref.statusHistory(p.psnNo()), today).psnType());
        insu.put("psn_insu_stas", p.pausInsuDate() == null || p.pausInsuDate().isAfter(today) ? "1" : "2");
        Out.date(insu, "psn_insu_date", p.insuDate());
        Out.date(insu, "paus_insu_date", p.pausInsuDate());
        insu.put("cvlserv_flag", "0");
        insu.put("insuplc_admdvs", p.insuplcAdmdvs());
        insu.put("emp_name", p.empName());
        out.putArray("idetinfo");
        return out;
    }
}
