package cn.gongji.catalog;

import cn.gongji.web.AgencyProblem;
import cn.gongji.web.FieldProblem;
import cn.gongji.web.FieldReader;
import cn.gongji.web.Input;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/admin/catalog")
@Tag(name = "Catalog", description = "药品、诊疗项目、医用耗材目录 / drugs, treatment items, consumables")
public class CatalogController {

    private final CatalogStore store;

    public CatalogController(CatalogStore store) {
        this.store = store;
    }

    public record CountAnswer(int count, int created, int updated, int unchanged) {}

    @PostMapping("/items")
    @Transactional
    @Operation(summary = "Upsert catalog items by med_list_codg; the batch is refused whole if any item is invalid. "
            + "count = items received and stored")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json",
            array = @ArraySchema(schema = @Schema(implementation = CatalogItemSchema.class), minItems = 1)))
    @ApiResponse(responseCode = "200", description = "{count, created, updated, unchanged}")
    @ApiResponse(responseCode = "400", description = "invalid-request: every bad field at once as [i].field; nothing is stored; malformed-json")
    public CountAnswer upsert(@RequestBody JsonNode body) {
        List<CatalogItem> items = readAll(body);
        var existing = store.existing(items.stream().map(CatalogItem::medListCodg).toList());
        int written = store.upsert(items);
        int created = (int) items.stream().filter(i -> !existing.contains(i.medListCodg())).count();
        return new CountAnswer(items.size(), created, written - created, items.size() - written);
    }

    static List<CatalogItem> readAll(JsonNode body) {
        if (body == null || !body.isArray() || body.isEmpty()) {
            throw AgencyProblem.invalid("", "请求体应为非空 JSON 数组", "the body must be a non-empty JSON array of items");
        }
        List<FieldProblem> problems = new ArrayList<>();
        List<CatalogItem> items = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        CatalogItem.GenericStandards standards = new CatalogItem.GenericStandards();
        for (int i = 0; i < body.size(); i++) {
            JsonNode n = body.get(i);
            String prefix = "[" + i + "].";
            if (!n.isObject()) {
                problems.add(FieldProblem.of("[" + i + "]", "应为 JSON 对象", "must be a JSON object"));
                continue;
            }
            FieldReader r = new FieldReader(Input.of(n), prefix, problems);
            int before = problems.size();
            CatalogItem item = CatalogItem.read(r);
            if (problems.size() == before && item != null) {
                Integer first = seen.putIfAbsent(item.medListCodg(), i);
                if (first != null) {
                    problems.add(FieldProblem.of(prefix + "med_list_codg", "与第 " + first + " 项重复",
                            "duplicates item " + first));
                }
                standards.conflict(item, String.valueOf(i)).ifPresent(j -> problems.add(FieldProblem.of(prefix + "pay_std",
                        "与同一通用名 " + item.genericName() + " 的第 " + j + " 项支付标准不同（同一通用名共用一个支付标准）",
                        "differs from item " + j + " of the same generic name " + item.genericName()
                                + " (the products of one generic name share one payment standard)")));
                items.add(item);
            }
        }
        if (!problems.isEmpty()) {
            throw AgencyProblem.invalid(problems);
        }
        return items;
    }
}
