package cn.gongji.registry;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Answers of the registry part of the agency API, with the field names PROTOCOL.md §4 fixes. */
public final class Views {

    private Views() {}

    public record PsnNoAnswer(@JsonProperty("psn_no") String psnNo) {}

    public record StatusEntry(
            int seq,
            String status,
            @JsonProperty("processed_date") LocalDate processedDate,
            @JsonProperty("in_force_from") LocalDate inForceFrom) {}

    public record StatusHistoryAnswer(@JsonProperty("psn_no") String psnNo, List<StatusEntry> history) {}

    public record BindingAnswer(@JsonProperty("binding_id") long bindingId) {}

    public record Binding(
            @JsonProperty("binding_id") long bindingId,
            @JsonProperty("psn_no") String psnNo,
            @JsonProperty("member_psn_no") String memberPsnNo,
            String relation,
            @JsonProperty("bound_at") String boundAt,
            @JsonProperty("unbound_at") String unboundAt) {}

    public record RegistrationAnswer(@JsonProperty("registration_id") long registrationId) {}

    /** One version of an off-site registration; {@code current} = in force (not superseded). */
    public record Offsite(
            @JsonProperty("registration_id") long registrationId,
            String admdvs,
            String category,
            LocalDate begndate,
            LocalDate enddate,
            @JsonProperty("change_kind") String changeKind,
            boolean current) {}

    public record ContributionBase(@JsonProperty("effective_month") LocalDate effectiveMonth, BigDecimal amount) {}

    public record Profile(
            @JsonProperty("psn_no") String psnNo,
            String certno,
            @JsonProperty("psn_name") String psnName,
            String gend,
            LocalDate brdy,
            @JsonProperty("insuplc_admdvs") String insuplcAdmdvs,
            @JsonProperty("emp_name") String empName,
            String insutype,
            @JsonProperty("insu_date") LocalDate insuDate,
            @JsonProperty("card_no") String cardNo,
            @JsonProperty("evoucher_token") String evoucherToken,
            @JsonProperty("status_history") List<StatusEntry> statusHistory,
            @JsonProperty("contribution_bases") List<ContributionBase> contributionBases,
            @JsonProperty("family_bindings") List<Binding> familyBindings,
            @JsonProperty("bound_by") List<Binding> boundBy,
            @JsonProperty("offsite_registrations") List<Offsite> offsiteRegistrations) {

        /**
         * The profile as a role that does not register persons sees it (the console's masking): the
         * ID number and card number masked, the e-voucher token (a credential) withheld.
         */
        public Profile masked() {
            return new Profile(psnNo, cn.gongji.ops.pii.Pii.certno(certno), psnName, gend, brdy, insuplcAdmdvs, empName,
                    insutype, insuDate, cn.gongji.ops.pii.Pii.certno(cardNo), null, statusHistory, contributionBases,
                    familyBindings, boundBy, offsiteRegistrations);
        }
    }

    public record Accumulators(
            int year,
            @JsonProperty("outpatient_pool_paid") BigDecimal outpatientPoolPaid,
            @JsonProperty("outpatient_pool_limit") BigDecimal outpatientPoolLimit,
            BigDecimal remaining,
            @JsonProperty("status_in_force") String statusInForce,
            @JsonProperty("status_date") LocalDate statusDate) {}
}
