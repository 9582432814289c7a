package cn.gongji.pharmacy;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gongji.pharmacy.SaleRules.Line;
import cn.gongji.pharmacy.SaleRules.Pharmacy;
import cn.gongji.pharmacy.SaleRules.Plan;
import cn.gongji.pharmacy.SaleRules.Refusal;
import java.util.List;
import org.junit.jupiter.api.Test;

class SaleRulesTest {

    static final Pharmacy PLAIN = new Pharmacy("P1", false, false);
    static final Pharmacy EXTERNAL_RX = new Pharmacy("P2", true, false);
    static final Pharmacy DUAL = new Pharmacy("P3", false, true);

    static Line ordinary(String code) {
        return new Line("l", code, false, null, null, false);
    }

    static Line rx(String code, String rxno, String prescriber, boolean dual) {
        return new Line("l", code, true, rxno, prescriber, dual);
    }

    @Test
    void an_ordinary_purchase_has_no_pooled_part() {
        Plan p = (Plan) SaleRules.plan(List.of(ordinary("A"), ordinary("B")), PLAIN);
        assertThat(p.hasPrescriptions()).isFalse();
        assertThat(p.personal()).containsExactly(0, 1);
        assertThat(p.pooled()).isEmpty();
    }

    @Test
    void a_mixed_sale_pools_the_prescription_lines_and_leaves_the_rest_personal() {
        Plan p = (Plan) SaleRules.plan(List.of(ordinary("A"), rx("B", "R1", "H1", false), rx("C", "R2", "H1", false)), EXTERNAL_RX);
        assertThat(p.prescriber()).contains("H1");
        assertThat(p.pooled()).containsExactly(1, 2);
        assertThat(p.personal()).containsExactly(0);
        assertThat(p.rxnos()).containsExactlyInAnyOrder("R1", "R2");
    }

    @Test
    void a_prescription_at_a_pharmacy_without_the_qualification_is_refused() {
        assertThat(((Refusal) SaleRules.plan(List.of(rx("B", "R1", "H1", false)), PLAIN)).code()).isEqualTo(SaleRules.RX_NOT_QUALIFIED);
        assertThat(((Refusal) SaleRules.plan(List.of(rx("B", "R1", "H1", false)), DUAL)).code()).isEqualTo(SaleRules.RX_NOT_QUALIFIED);
    }

    @Test
    void a_dual_channel_pharmacy_fills_a_prescription_of_a_dual_channel_drug() {
        Plan p = (Plan) SaleRules.plan(List.of(rx("D", "R1", "H1", true)), DUAL);
        assertThat(p.pooled()).containsExactly(0);
    }

    @Test
    void a_dual_channel_drug_without_a_prescription_is_refused_at_any_pharmacy() {
        Line dual = new Line("l", "D", false, null, null, true);
        assertThat(((Refusal) SaleRules.plan(List.of(dual), EXTERNAL_RX)).code()).isEqualTo(SaleRules.DUAL_CHANNEL_NOT_QUALIFIED);
        assertThat(((Refusal) SaleRules.plan(List.of(dual), DUAL)).code()).isEqualTo(SaleRules.DUAL_CHANNEL_RX_REQUIRED);
    }

    @Test
    void prescriptions_of_two_prescribers_in_one_sale_are_refused() {
        assertThat(((Refusal) SaleRules.plan(List.of(rx("B", "R1", "H1", false), rx("B", "R1", "H2", false)), EXTERNAL_RX)).code())
                .isEqualTo(SaleRules.RX_MANY_PRESCRIBERS);
    }
}
