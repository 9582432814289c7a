package cn.gongji.web;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.List;

/**
 * The agency API's error body as documented in the OpenAPI (the answers themselves are built by
 * {@link AgencyProblemAdvice#body}); documentation only, never instantiated.
 */
@Schema(name = "Problem", description = "application/problem+json: 拒绝的请求不做任何更改 / a refused request changes nothing")
public record ProblemSchema(
        @Schema(requiredMode = RequiredMode.REQUIRED, example = "https://gongji.cn/problems/invalid-request",
                description = "https://gongji.cn/problems/ + invalid-request | malformed-json | not-found | conflict | "
                        + "unauthorized | forbidden | method-not-allowed | unsupported-media-type | too-large | internal-error")
        String type,
        @Schema(requiredMode = RequiredMode.REQUIRED, example = "请求无效 / Invalid request") String title,
        @Schema(requiredMode = RequiredMode.REQUIRED, example = "400") int status,
        @Schema(requiredMode = RequiredMode.REQUIRED, example = "1 个字段有误 / 1 field(s) are invalid") String detail,
        @Schema(requiredMode = RequiredMode.REQUIRED, description = "every bad field at once; empty when no field is to blame")
        List<FieldError> errors) {

    /** The media type of every agency-API error. */
    public static final String MEDIA_TYPE = "application/problem+json";

    @Schema(name = "FieldError")
    public record FieldError(
            @Schema(requiredMode = RequiredMode.REQUIRED, example = "certno",
                    description = "the field; [i].field for an item of an array body") String field,
            @Schema(requiredMode = RequiredMode.REQUIRED, example = "校验位错误 / check digit is wrong") String message) {}
}
