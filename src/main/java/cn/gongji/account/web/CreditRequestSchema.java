package cn.gongji.account.web;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/** The body of {@code POST /api/admin/accounts/credits} as documented in the OpenAPI; documentation only. */
@Schema(name = "CreditRequest")
public record CreditRequestSchema(
        @Schema(requiredMode = RequiredMode.REQUIRED, pattern = "\\d{4}-(0[1-9]|1[0-2])", example = "2026-11",
                description = "yyyy-MM; a month that has begun and has a policy in force") String month) {}
