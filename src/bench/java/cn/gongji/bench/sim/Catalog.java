package cn.gongji.bench.sim;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The small catalog the generator publishes (50 items: 20 class A, 20 class B, 10 class C) and the
 * price it bills each at. Some class B items carry a payment standard below the billed price, so
 * the over-standard part is exercised too. Same seed, same catalog.
 */
public final class Catalog {

    /** One item: code, class (01/02/03), billed unit price. */
    public record Item(String code, String lv, String listType, BigDecimal price) {}

    private final List<Item> items = new ArrayList<>();
    private final ArrayNode body;

    public Catalog(JsonMapper json, long seed) {
        Random r = new Random(seed ^ 0x5EEDCA7AL);
        body = json.createArrayNode();
        for (int i = 1; i <= 50; i++) {
            String lv = i <= 20 ? "01" : i <= 40 ? "02" : "03";
            String listType = i % 3 == 0 ? "201" : i % 7 == 0 ? "301" : "101";
            BigDecimal price = BigDecimal.valueOf(50 + r.nextInt(30_000), 2); // 0.50 .. 300.49
            Item item = new Item(String.format("SIM-%s-%03d", lv, i), lv, listType, price);
            items.add(item);
            ObjectNode n = body.addObject();
            n.put("med_list_codg", item.code());
            n.put("name", "模拟项目 simulated item " + i);
            n.put("list_type", listType);
            n.put("chrgitm_lv", lv);
            if ("02".equals(lv)) {
                n.put("selfpay_prop", i % 2 == 0 ? new BigDecimal("0.10") : new BigDecimal("0.20"));
                if (i % 4 == 1) { // payment standard 80 % of the billed price: an over-standard part
                    n.put("pay_std", price.multiply(new BigDecimal("0.8")).setScale(2, RoundingMode.HALF_UP));
                }
            } else {
                n.put("selfpay_prop", BigDecimal.ZERO);
            }
            n.put("med_chrgitm_type", "201".equals(listType) ? "05" : "09");
            n.put("acct_payable", i % 10 != 0);
        }
    }

    public ArrayNode body() {
        return body;
    }

    public Item pick(Random r) {
        return items.get(r.nextInt(items.size()));
    }
}
