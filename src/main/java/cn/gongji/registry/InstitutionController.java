package cn.gongji.registry;

import cn.gongji.registry.InstitutionService.Institution;
import cn.gongji.registry.InstitutionService.SecretAnswer;
import cn.gongji.web.Bodies;
import cn.gongji.web.FieldReader;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/admin/institutions")
@Tag(name = "Institutions", description = "定点医药机构登记 / designated hospitals and pharmacies")
public class InstitutionController {

    private final InstitutionService institutions;

    public InstitutionController(InstitutionService institutions) {
        this.institutions = institutions;
    }

    @PostMapping
    @Operation(summary = "Register an institution; answers its HIS signing secret (shown once)")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = RequestSchemas.Institution.class)))
    @ApiResponse(responseCode = "200", description = "{fixmedins_code, secret}: the HIS signing secret, 64 hex, shown once")
    @ApiResponse(responseCode = "400", description = "invalid-request: every bad field at once (kind, level, admdvs, internet_of ...); malformed-json")
    @ApiResponse(responseCode = "409", description = "conflict: fixmedins_code already registered")
    public SecretAnswer register(@RequestBody JsonNode body) {
        FieldReader r = Bodies.object(body);
        NewInstitution n = NewInstitution.read(r, false);
        r.refuseIfInvalid();
        return institutions.register(n);
    }

    @GetMapping("/{code}")
    @Operation(summary = "An institution, without its secret")
    public Institution get(@PathVariable("code") String code) {
        return institutions.get(code);
    }

    @PostMapping("/{code}/secret")
    @Operation(summary = "Issue a new secret; the old one stops working at once")
    public SecretAnswer rotate(@PathVariable("code") String code) {
        return institutions.rotateSecret(code);
    }

    @PostMapping("/{code}/deactivate")
    @Operation(summary = "Deactivate an institution (active=false); its history is kept")
    public Institution deactivate(@PathVariable("code") String code) {
        return institutions.setActive(code, false);
    }

    @PostMapping("/{code}/activate")
    @Operation(summary = "Activate an institution again")
    public Institution activate(@PathVariable("code") String code) {
        return institutions.setActive(code, true);
    }
}
