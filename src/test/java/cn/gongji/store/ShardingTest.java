package cn.gongji.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** One test decides "sharded" for the store's configuration and for every path that is off on sharded nodes. */
class ShardingTest {

    @Test
    void sharded_only_when_the_nodes_are_listed() {
        assertThat(Sharding.sharded(new MockEnvironment())).as("no setting").isFalse();
        assertThat(Sharding.sharded(new MockEnvironment().withProperty(Sharding.NODES, ""))).as("empty").isFalse();
        assertThat(Sharding.sharded(new MockEnvironment().withProperty(Sharding.NODES, "  "))).as("blank").isFalse();
        assertThat(Sharding.sharded(new MockEnvironment().withProperty(Sharding.NODES,
                "jdbc:postgresql://127.0.0.1:5433/g,jdbc:postgresql://127.0.0.1:5434/g"))).isTrue();
    }
}
