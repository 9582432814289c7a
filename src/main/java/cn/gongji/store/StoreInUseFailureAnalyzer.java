package cn.gongji.store;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A command (or a second service) on a data directory the service holds: Spring Boot's start-up
 * failure report says so in a few lines instead of a hundred-line chain of bean creation errors
 * with the reason at its bottom (registered in META-INF/spring.factories).
 */
class StoreInUseFailureAnalyzer extends AbstractFailureAnalyzer<StoreInUse> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, StoreInUse cause) {
        return new FailureAnalysis(cause.getMessage(),
                "停止该服务后再运行，或用 --gongji.data-dir 指定另一个数据目录 / stop the service first, or name another"
                        + " data directory with --gongji.data-dir (a hot backup: docs/operations.md)", cause);
    }
}
