package cn.gongji.registry;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The registry's request bodies as documented in the OpenAPI (PROTOCOL.md §4). Documentation only:
 * the controllers read a {@code JsonNode} with {@code FieldReader}, which lists every bad field at
 * once and accepts lenient forms (numbers for strings, "yes" for true) that a bound record would not.
 */
public final class RequestSchemas {

    private RequestSchemas() {}

    @Schema(name = "InstitutionRequest", description = "定点医药机构 / a designated hospital or pharmacy")
    public record Institution(
            @JsonProperty("fixmedins_code")
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = "[A-Za-z0-9]{1,30}", example = "H41130300001")
            String fixmedinsCode,
            @JsonProperty("fixmedins_name") @Schema(requiredMode = RequiredMode.REQUIRED, maxLength = 200)
            String fixmedinsName,
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = {"hospital", "pharmacy"}) String kind,
            @Schema(allowableValues = {"L1", "L2", "L3"},
                    description = "required for a hospital (an internet hospital is priced as its internet_of)")
            String level,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = "\\d{6}", example = "411303") String admdvs,
            @JsonProperty("dual_channel") @Schema(defaultValue = "false", description = "双通道药店 / dual-channel pharmacy")
            Boolean dualChannel,
            @JsonProperty("external_rx") @Schema(defaultValue = "false", description = "accepts external prescriptions")
            Boolean externalRx,
            @JsonProperty("internet_of") @Schema(maxLength = 30,
                    description = "for an internet hospital: fixmedins_code of its physical hospital")
            String internetOf) {}

    @Schema(name = "PersonRequest", description = "参保人 / an insured person")
    public record Person(
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = "[1-9]\\d{16}[\\dXx]", example = "41130319750612011X",
                    description = "18-character resident ID with a valid check digit")
            String certno,
            @JsonProperty("psn_name") @Schema(requiredMode = RequiredMode.REQUIRED, maxLength = 50) String psnName,
            @Schema(allowableValues = {"1", "2", "9"}, description = "default: from certno") String gend,
            @Schema(format = "date", description = "default: from certno; must agree with it") LocalDate brdy,
            @JsonProperty("insuplc_admdvs") @Schema(requiredMode = RequiredMode.REQUIRED, pattern = "\\d{6}")
            String insuplcAdmdvs,
            @JsonProperty("emp_name") @Schema(maxLength = 200) String empName,
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = {"in_service", "retired"}) String status,
            @JsonProperty("insu_date") @Schema(requiredMode = RequiredMode.REQUIRED, format = "date") LocalDate insuDate,
            @JsonProperty("contribution_base") @Schema(minimum = "0", maximum = "1000000", example = "5000.00")
            BigDecimal contributionBase,
            @JsonProperty("card_no") @Schema(maxLength = 40) String cardNo,
            @JsonProperty("evoucher_token") @Schema(maxLength = 200) String evoucherToken) {}

    @Schema(name = "StatusChangeRequest")
    public record StatusChange(
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = {"in_service", "retired"}) String status,
            @JsonProperty("processed_date") @Schema(requiredMode = RequiredMode.REQUIRED, format = "date",
                    description = "in force from the first day of the next month")
            LocalDate processedDate) {}

    @Schema(name = "FamilyBindingRequest", description = "member_psn_no or member_certno names the member (one is required)")
    public record FamilyBinding(
            @JsonProperty("member_psn_no") @Schema(maxLength = 30) String memberPsnNo,
            @JsonProperty("member_certno") @Schema(pattern = "[1-9]\\d{16}[\\dXx]") String memberCertno,
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = {"spouse", "parent", "child"}) String relation) {}

    @Schema(name = "OffsiteRegistrationRequest")
    public record OffsiteRegistration(
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = "\\d{6}",
                    description = "where care is taken; outside the insured city") String admdvs,
            @Schema(requiredMode = RequiredMode.REQUIRED,
                    allowableValues = {"resettled_retiree", "long_term_work", "long_term_residence", "temporary"},
                    description = "also accepted: the digit 1-4 or the Chinese name (异地安置退休, 异地长期工作, 异地长期居住, 临时外出就医)")
            String category,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "date") LocalDate begndate,
            @Schema(format = "date", description = "open-ended when absent; not before begndate") LocalDate enddate) {}
}
