package cn.gongji.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Its registration (META-INF/spring.factories) shows end to end in BackupRestoreIT: a backup on a held store. */
class StoreInUseFailureAnalyzerTest {

    @Test
    void a_store_in_use_deep_in_the_bean_errors_is_reported_by_its_message() {
        StoreInUse inUse = new StoreInUse("the data directory is in use by a running Gongji service: stop it first");
        Throwable failure = new BeanCreationException("flyway", new BeanCreationException("dataSource", inUse));
        FailureAnalysis a = new StoreInUseFailureAnalyzer().analyze(failure);
        assertThat(a.getDescription()).isEqualTo(inUse.getMessage());
        assertThat(a.getAction()).contains("--gongji.data-dir");
    }
}
