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
 *
 * <p>Prices are ordinary outpatient prices: drugs (list type 101) 1.00–80.00 a pack, examinations
 * and treatments (201) 10.00–300.00, materials (301) 1.00–50.00; see {@link #visit} for what one
 * visit bills.
 */
public final class Catalog {

    /** One item: code, class (01/02/03), billed unit price. */
    public record Item(String code, String lv, String listType, BigDecimal price) {

        /** Drugs as the supervision rules count them (list type 10x, rule R10). */
        public boolean drug() {
            return listType.startsWith("10");
        }
    }

    /** A prescription counts at most this many drugs: the R10 limit is 5 (docs/supervision.md). */
    static final int MAX_DRUGS_PER_VISIT = 4;

    private final List<Item> items = new ArrayList<>();
    private final List<Item> drugs = new ArrayList<>();
    private final List<Item> others = new ArrayList<>();
    private final ArrayNode body;

    public Catalog(JsonMapper json, long seed) {
        Random r = new Random(seed ^ 0x5EEDCA7AL);
        body = json.createArrayNode();
        for (int i = 1; i <= 50; i++) {
            String lv = i <= 20 ? "01" : i <= 40 ? "02" : "03";
            String listType = i % 3 == 0 ? "201" : i % 7 == 0 ? "301" : "101";
            BigDecimal price = switch (listType) {
                case "201" -> BigDecimal.valueOf(1_000 + r.nextInt(29_001), 2);   // 10.00 .. 300.00
                case "301" -> BigDecimal.valueOf(100 + r.nextInt(4_901), 2);      // 1.00 .. 50.00
                default -> BigDecimal.valueOf(100 + r.nextInt(7_901), 2);         // 1.00 .. 80.00
            };
            Item item = new Item(String.format("SIM-%s-%03d", lv, i), lv, listType, price);
            items.add(item);
            (item.drug() ? drugs : others).add(item);
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

    /**
     * The items of one visit: {@code count} DISTINCT items (a visit does not bill one item twice at
     * one price, rule R01), of which 1 to {@value #MAX_DRUGS_PER_VISIT} drugs (rule R10: more than
     * five drugs, or drugs over 1,000.00) and the rest examinations, treatments and materials, in a
     * random order. Only a visit of more lines than the catalog has kinds repeats an item, and only
     * one of more non-drug lines than there are non-drug items holds more drugs.
     */
    public List<Item> visit(Random r, int count) {
        int drugCount = Math.min(count, 1 + r.nextInt(MAX_DRUGS_PER_VISIT));
        drugCount = Math.max(drugCount, count - others.size());
        List<Item> out = new ArrayList<>(distinct(r, drugs, drugCount));
        out.addAll(distinct(r, others, count - drugCount));
        java.util.Collections.shuffle(out, r);
        return out;
    }

    /** n items of the pool, distinct while the pool lasts (drawn from a bag refilled when empty). */
    private static List<Item> distinct(Random r, List<Item> pool, int n) {
        List<Item> out = new ArrayList<>(n);
        List<Item> bag = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (bag.isEmpty()) {
                bag.addAll(pool);
            }
            out.add(bag.remove(r.nextInt(bag.size())));
        }
        return out;
    }
}
