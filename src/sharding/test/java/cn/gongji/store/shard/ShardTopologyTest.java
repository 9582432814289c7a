package cn.gongji.store.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShardTopologyTest {

    @Test
    void a_home_node_row_naming_a_settlement_cannot_keep_its_foreign_key() {
        assertThat(ShardTopology.crossesNodes("clearing_item", "settlement")).isTrue();
        assertThat(ShardTopology.crossesNodes("clearing_recovery", "settlement")).isTrue();
    }

    @Test
    void keys_within_one_persons_rows_and_to_reference_data_hold() {
        assertThat(ShardTopology.crossesNodes("settlement_line", "settlement")).isFalse();
        assertThat(ShardTopology.crossesNodes("settlement", "institution")).isFalse();
        assertThat(ShardTopology.crossesNodes("clearing_item", "clearing_period")).isFalse();
        assertThat(ShardTopology.crossesNodes("staff_api_token", "staff")).isFalse();
    }

    @Test
    void a_person_row_naming_a_home_node_row_cannot_keep_its_foreign_key() {
        assertThat(ShardTopology.crossesNodes("settlement", "clearing_period")).isTrue();
    }

    @Test
    void a_per_node_read_that_names_a_home_node_table_is_refused() {
        assertThatThrownBy(() -> NodeReads.refuseHomeTables("""
                select s.setl_id from settlement s
                left join clearing_item o on o.setl_id = s.refd_setl_id
                """)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clearing_item");
        assertThatThrownBy(() -> NodeReads.refuseHomeTables("select count(*) FROM supervision_warning"))
                .hasMessageContaining("supervision_warning");
    }

    @Test
    void a_per_node_read_of_person_and_reference_tables_passes() {
        assertThatCode(() -> NodeReads.refuseHomeTables("""
                select s.setl_id, i.kind from settlement s join institution i on i.fixmedins_code = s.fixmedins_code
                where s.clr_type = :c
                """)).doesNotThrowAnyException();
    }
}
