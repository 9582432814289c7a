package cn.gongji.web;

import cn.gongji.account.web.CreditRequestSchema;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the OpenAPI document says about the agency API as a whole: the bearer token on every
 * {@code /api/admin/**} call with its 401/403 problem answers ({@link AdminTokenFilter} refuses
 * before any controller, so no controller can declare them). Per-call bodies and 400/404/409 are
 * annotations on the controllers; the monthly credit's are added here so that its controller
 * stays as it is (its month rule is owned elsewhere).
 */
@Configuration(proxyBeanMethods = false)
@SecurityScheme(name = AgencyOpenApi.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "个人 API 令牌（控制台“API 令牌”页生成，gjt_…）或 gongji.admin-token / "
                + "a personal API token (made on the console's API tokens page, gjt_…) or the admin token")
public class AgencyOpenApi {

    public static final String BEARER = "bearer";
    private static final String ADMIN = "/api/admin/";
    private static final String CREDITS = "/api/admin/accounts/credits";

    @Bean
    OpenApiCustomizer agencyOpenApiCustomizer() {
        return openApi -> {
            register(openApi, ProblemSchema.class);
            register(openApi, CreditRequestSchema.class);
            opaqueJsonNode(openApi);
            openApi.getPaths().forEach((path, item) -> {
                if (path.startsWith(ADMIN)) {
                    item.readOperations().forEach(AgencyOpenApi::guarded);
                }
            });
            PathItem credits = openApi.getPaths().get(CREDITS);
            if (credits != null && credits.getPost() != null) {
                documentCredits(credits.getPost());
            }
        };
    }

    private static void guarded(Operation op) {
        op.addSecurityItem(new SecurityRequirement().addList(BEARER));
        ApiResponses responses = op.getResponses() != null ? op.getResponses() : new ApiResponses();
        responses.putIfAbsent("401", problem("缺少或错误的令牌 / missing or wrong bearer token (WWW-Authenticate: Bearer)"));
        responses.putIfAbsent("403", problem("令牌所属角色无权调用 / the token's role may not make this call"));
        // every refusal of the agency API is problem+json: a 4xx the controllers describe in words gets that
        // content here (springdoc would otherwise give it the operation's answer type)
        responses.forEach((code, r) -> {
            if (code.startsWith("4") && (r.getContent() == null || !r.getContent().containsKey(ProblemSchema.MEDIA_TYPE))) {
                r.setContent(problem(r.getDescription()).getContent());
            }
        });
        op.setResponses(responses);
    }

    private static void documentCredits(Operation op) {
        op.setRequestBody(new RequestBody().required(true).content(new Content().addMediaType("application/json",
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/CreditRequest")))));
        op.getResponses().putIfAbsent("400", problem("month 缺失、格式错误、尚未开始或没有生效政策 / "
                + "month is missing, malformed, has not begun or has no policy in force"));
    }

    /**
     * Calls outside PROTOCOL.md §4 still take a {@code JsonNode} without a documented schema; show
     * "a JSON object" (fields in docs/agency-api.md) rather than the node class's getters.
     */
    private static void opaqueJsonNode(OpenAPI openApi) {
        var schemas = openApi.getComponents().getSchemas();
        if (schemas != null && schemas.containsKey("JsonNode")) {
            Schema<Object> object = new Schema<>();
            object.addType("object");
            object.setType("object");
            schemas.put("JsonNode", object.description("JSON 对象，字段见 docs/agency-api.md / a JSON object; "
                    + "its fields are described in docs/agency-api.md"));
        }
    }

    static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType(ProblemSchema.MEDIA_TYPE,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"))));
    }

    private static void register(OpenAPI openApi, Class<?> type) {
        if (openApi.getComponents() == null) {
            openApi.setComponents(new Components());
        }
        ModelConverters.getInstance(openApi.getSpecVersion() == SpecVersion.V31).readAll(type).forEach((name, schema) -> {
            if (openApi.getComponents().getSchemas() == null || !openApi.getComponents().getSchemas().containsKey(name)) {
                openApi.getComponents().addSchemas(name, schema);
            }
        });
    }
}
