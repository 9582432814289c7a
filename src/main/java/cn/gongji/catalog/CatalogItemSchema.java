package cn.gongji.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.math.BigDecimal;

/**
 * One item of {@code POST /api/admin/catalog/items} as documented in the OpenAPI (PROTOCOL.md §4).
 * Documentation only: {@link CatalogItem#read} validates the body.
 */
@Schema(name = "CatalogItemRequest")
public record CatalogItemSchema(
        @JsonProperty("med_list_codg") @Schema(requiredMode = RequiredMode.REQUIRED, pattern = "[A-Za-z0-9._-]{1,50}")
        String medListCodg,
        @Schema(requiredMode = RequiredMode.REQUIRED, maxLength = 200) String name,
        @JsonProperty("list_type") @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = {"101", "102", "201", "301"},
                description = "101 西药 | 102 中成药 | 201 诊疗项目 | 301 医用耗材") String listType,
        @JsonProperty("chrgitm_lv") @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = {"01", "02", "03"},
                description = "01 甲类 class A | 02 乙类 class B | 03 丙类 not covered") String chrgitmLv,
        @JsonProperty("selfpay_prop") @Schema(minimum = "0", maximum = "1", example = "0.1",
                description = "先行自付比例; required for class B (02)") BigDecimal selfpayProp,
        @JsonProperty("pay_std") @Schema(minimum = "0", description = "支付标准 / payment standard") BigDecimal payStd,
        @JsonProperty("med_chrgitm_type") @Schema(pattern = "\\d{2}", example = "09") String medChrgitmType,
        @JsonProperty("acct_payable") @Schema(defaultValue = "true") Boolean acctPayable,
        @JsonProperty("dual_channel") @Schema(defaultValue = "false") Boolean dualChannel,
        @JsonProperty("gender_limit") @Schema(allowableValues = {"1", "2"}) String genderLimit,
        @JsonProperty("min_age") @Schema(minimum = "0", maximum = "150") Integer minAge,
        @JsonProperty("max_age") @Schema(minimum = "0", maximum = "150") Integer maxAge,
        @JsonProperty("max_qty_per_visit") @Schema(minimum = "0", description = "greater than 0, at most 4 decimals")
        BigDecimal maxQtyPerVisit,
        @JsonProperty("generic_name") @Schema(maxLength = 200, description = "extension: 通用名 / generic name; the "
                + "products of one generic name share one payment standard (an item without pay_std takes its name's, "
                + "a pay_std given for one product is set on all of them)") String genericName) {}
