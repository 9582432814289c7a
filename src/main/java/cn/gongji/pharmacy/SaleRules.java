package cn.gongji.pharmacy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which lines of a pharmacy sale the pooling fund may take part in (POLICY.md §4, issue 4 item 3),
 * and which sales are refused. Pure: the caller reads the pharmacy's qualifications and the
 * catalog's dual-channel flags and checks the prescriber and earlier fills against the database.
 *
 * <ul>
 *   <li>A line with a prescription ({@code rx_circ_flag=1}, rxno, rx_fixmedins_code) belongs to the
 *       pooled part. The pharmacy must be qualified for external prescriptions, or, for a
 *       dual-channel drug, for the dual channel.</li>
 *   <li>A dual-channel negotiated drug is sold under insurance only on a prescription: without one it
 *       is refused (whether or not the pharmacy is dual-channel: the prescriber's level and episode
 *       price it, and there is none).</li>
 *   <li>Every other line is an ordinary purchase: personal account or cash, never pooled.</li>
 *   <li>One sale, one prescribing institution: its level, episode and deductible price the pooled
 *       part, so prescriptions of two institutions are settled as two sales.</li>
 * </ul>
 */
public final class SaleRules {

    private SaleRules() {}

    /**
     * @param path            where the line is in the message, for refusals (input.drugdetail[1])
     * @param prescription    rx_circ_flag = 1 (the reader has required rxno and rx_fixmedins_code)
     * @param dualChannelDrug the catalog marks the item as a dual-channel negotiated drug
     */
    public record Line(String path, String medListCodg, boolean prescription, String rxno, String prescriber,
            boolean dualChannelDrug) {}

    /** The pharmacy's qualifications (institution.external_rx, institution.dual_channel). */
    public record Pharmacy(String code, boolean externalRx, boolean dualChannel) {}

    public sealed interface Outcome permits Plan, Refusal {}

    /** A refusal with a stable code and the message the operator sees (Chinese / English). */
    public record Refusal(String code, String message) implements Outcome {}

    /**
     * @param prescriber the one prescribing institution, when the sale has prescription lines
     * @param pooled     indexes of the lines priced under POLICY.md §3 with the prescriber's rules
     * @param personal   indexes of the ordinary lines (no pooling)
     * @param rxnos      the prescriptions the sale fills
     */
    public record Plan(Optional<String> prescriber, List<Integer> pooled, List<Integer> personal, Set<String> rxnos)
            implements Outcome {
        public boolean hasPrescriptions() {
            return prescriber.isPresent();
        }
    }

    public static final String RX_NOT_QUALIFIED = "RX_NOT_QUALIFIED";
    public static final String DUAL_CHANNEL_NOT_QUALIFIED = "DUAL_CHANNEL_NOT_QUALIFIED";
    public static final String DUAL_CHANNEL_RX_REQUIRED = "DUAL_CHANNEL_RX_REQUIRED";
    public static final String RX_MANY_PRESCRIBERS = "RX_MANY_PRESCRIBERS";

    public static Outcome plan(List<Line> lines, Pharmacy pharmacy) {
        List<Integer> pooled = new ArrayList<>();
        List<Integer> personal = new ArrayList<>();
        Set<String> prescribers = new LinkedHashSet<>();
        Set<String> rxnos = new LinkedHashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            if (!l.prescription()) {
                if (l.dualChannelDrug()) {
                    return dualChannelWithoutPrescription(l, pharmacy);
                }
                personal.add(i);
                continue;
            }
            boolean qualified = pharmacy.externalRx() || (l.dualChannelDrug() && pharmacy.dualChannel());
            if (!qualified) {
                return l.dualChannelDrug()
                        ? new Refusal(DUAL_CHANNEL_NOT_QUALIFIED, l.path() + "：定点药店 " + pharmacy.code()
                                + " 既未开通外配处方也未开通双通道，不能按处方结算双通道药品 " + l.medListCodg()
                                + " / the pharmacy is qualified neither for external prescriptions nor for the dual channel")
                        : new Refusal(RX_NOT_QUALIFIED, l.path() + "：定点药店 " + pharmacy.code()
                                + " 未开通外配处方（外配处方定点资格），不能结算外配处方 " + l.rxno()
                                + " / the pharmacy is not qualified for external prescriptions");
            }
            prescribers.add(l.prescriber());
            rxnos.add(l.rxno());
            pooled.add(i);
        }
        if (prescribers.size() > 1) {
            return new Refusal(RX_MANY_PRESCRIBERS, "一次购药只能结算同一开方机构的处方，本单含 " + String.join("、", prescribers)
                    + " 的处方，请按开方机构分单结算 / one sale may fill prescriptions of one prescribing institution only: "
                    + "settle each institution's prescriptions as a separate sale");
        }
        return new Plan(prescribers.stream().findFirst(), List.copyOf(pooled), List.copyOf(personal), Set.copyOf(rxnos));
    }

    private static Refusal dualChannelWithoutPrescription(Line l, Pharmacy pharmacy) {
        if (!pharmacy.dualChannel()) {
            return new Refusal(DUAL_CHANNEL_NOT_QUALIFIED, l.path() + "：" + l.medListCodg() + " 是双通道谈判药品，定点药店 "
                    + pharmacy.code() + " 未开通双通道，且本行无处方（rx_circ_flag=1、rxno、rx_fixmedins_code） / "
                    + "a dual-channel drug at a pharmacy without the dual-channel qualification needs a prescription");
        }
        return new Refusal(DUAL_CHANNEL_RX_REQUIRED, l.path() + "：" + l.medListCodg()
                + " 是双通道谈判药品，须凭定点医疗机构处方购买（rx_circ_flag=1、rxno、rx_fixmedins_code） / "
                + "a dual-channel drug is sold on a prescription of a designated medical institution");
    }
}
