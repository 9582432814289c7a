package cn.gongji.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gongji.support.ServiceIT;
import cn.gongji.web.AgencyClient;
import cn.gongji.web.AgencyClient.Answer;
import java.math.BigDecimal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@ServiceIT
class CatalogApiIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient db;

    AgencyClient api;

    @BeforeEach
    void setUp() {
        api = new AgencyClient(port);
    }

    private static final String TWO_ITEMS = """
            [{"med_list_codg":"T-XA01","name":"阿莫西林胶囊 0.25g*24粒","list_type":"101","chrgitm_lv":"01",
              "selfpay_prop":0,"pay_std":9.5,"med_chrgitm_type":"09"},
             {"med_list_codg":"T-XB01","name":"布洛芬缓释胶囊","list_type":"101","chrgitm_lv":"02",
              "selfpay_prop":0.1,"pay_std":null,"med_chrgitm_type":"09","acct_payable":false,"dual_channel":true,
              "gender_limit":"2","min_age":18,"max_age":80,"max_qty_per_visit":3}]
            """;

    private BigDecimal column(String code, String col) {
        return db.sql("select " + col + " from catalog_item where med_list_codg = :c").param("c", code)
                .query(BigDecimal.class).single();
    }

    @Test
    void items_are_inserted_then_upserted_by_code() {
        Answer a = api.post("/api/admin/catalog/items", TWO_ITEMS);
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        assertThat(a.json().get("count").asInt()).isEqualTo(2);
        assertThat(column("T-XB01", "selfpay_prop")).isEqualByComparingTo("0.1");
        assertThat(db.sql("select acct_payable from catalog_item where med_list_codg = 'T-XB01'").query(Boolean.class).single())
                .isFalse();

        Answer b = api.post("/api/admin/catalog/items", TWO_ITEMS.replace("\"pay_std\":9.5", "\"pay_std\":8.25"));
        assertThat(b.status()).isEqualTo(200);
        assertThat(b.json().get("count").asInt()).isEqualTo(2);
        assertThat(column("T-XA01", "pay_std")).isEqualByComparingTo("8.25");
    }

    @Test
    void the_products_of_one_generic_name_share_its_payment_standard() {
        // POLICY.md §2: a centrally procured drug's standard is shared by all products under its generic name
        Answer first = api.post("/api/admin/catalog/items", """
                [{"med_list_codg":"T-GN01","name":"阿莫西林胶囊 0.25g*24粒 甲厂","list_type":"101","chrgitm_lv":"01",
                  "pay_std":9.5,"generic_name":"阿莫西林胶囊"},
                 {"med_list_codg":"T-GN02","name":"阿莫西林胶囊 0.25g*24粒 乙厂","list_type":"101","chrgitm_lv":"01",
                  "generic_name":"阿莫西林胶囊"}]
                """);
        assertThat(first.status()).as(first.text()).isEqualTo(200);
        assertThat(column("T-GN02", "pay_std")).as("given without a standard: the name's").isEqualByComparingTo("9.50");

        Answer later = api.post("/api/admin/catalog/items", """
                [{"med_list_codg":"T-GN03","name":"阿莫西林胶囊 0.5g*12粒 丙厂","list_type":"101","chrgitm_lv":"01",
                  "generic_name":"阿莫西林胶囊"}]
                """);
        assertThat(later.status()).as(later.text()).isEqualTo(200);
        assertThat(column("T-GN03", "pay_std")).as("a product added later").isEqualByComparingTo("9.50");

        Answer newBid = api.post("/api/admin/catalog/items", """
                [{"med_list_codg":"T-GN02","name":"阿莫西林胶囊 0.25g*24粒 乙厂","list_type":"101","chrgitm_lv":"01",
                  "pay_std":8.8,"generic_name":"阿莫西林胶囊"}]
                """);
        assertThat(newBid.status()).as(newBid.text()).isEqualTo(200);
        for (String code : new String[] {"T-GN01", "T-GN02", "T-GN03"}) {
            assertThat(column(code, "pay_std")).as("a new standard for one product is the name's: " + code)
                    .isEqualByComparingTo("8.80");
        }

        Answer conflict = api.post("/api/admin/catalog/items", """
                [{"med_list_codg":"T-GN04","name":"阿莫西林胶囊 丁厂","list_type":"101","chrgitm_lv":"01",
                  "pay_std":7.0,"generic_name":"阿莫西林胶囊"},
                 {"med_list_codg":"T-GN01","name":"阿莫西林胶囊 0.25g*24粒 甲厂","list_type":"101","chrgitm_lv":"01",
                  "pay_std":7.5,"generic_name":"阿莫西林胶囊"}]
                """);
        assertThat(conflict.status()).isEqualTo(400);
        assertThat(conflict.text()).contains("\"field\":\"[1].pay_std\"").contains("阿莫西林胶囊");
        assertThat(column("T-GN01", "pay_std")).as("the refused batch changed nothing").isEqualByComparingTo("8.80");
        assertThat(db.sql("select count(*) from catalog_item where med_list_codg = 'T-GN04'").query(Long.class).single())
                .isZero();
    }

    @Test
    void one_bad_item_refuses_the_whole_batch_naming_index_and_field() {
        long before = db.sql("select count(*) from catalog_item").query(Long.class).single();
        Answer a = api.post("/api/admin/catalog/items", """
                [{"med_list_codg":"T-OK01","name":"血常规检查","list_type":"201","chrgitm_lv":"01"},
                 {"med_list_codg":"T-BAD1","name":"胸部X线摄影","list_type":"201","chrgitm_lv":"04","selfpay_prop":1.5}]
                """);
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.contentType()).startsWith("application/problem+json");
        assertThat(a.text()).contains("\"field\":\"[1].chrgitm_lv\"").contains("\"field\":\"[1].selfpay_prop\"");
        assertThat(db.sql("select count(*) from catalog_item").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void duplicate_codes_in_one_batch_and_a_non_array_body_are_refused() {
        Answer dup = api.post("/api/admin/catalog/items", """
                [{"med_list_codg":"T-DUP","name":"a","list_type":"201","chrgitm_lv":"01"},
                 {"med_list_codg":"T-DUP","name":"b","list_type":"201","chrgitm_lv":"01"}]
                """);
        assertThat(dup.status()).isEqualTo(400);
        assertThat(dup.text()).contains("[1].med_list_codg");
        assertThat(api.post("/api/admin/catalog/items", "{\"med_list_codg\":\"x\"}").status()).isEqualTo(400);
        assertThat(api.post("/api/admin/catalog/items", "[]").status()).isEqualTo(400);
    }
}
