package cn.gongji.benefit;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * 24小时内同一医院多次就诊的只记一次起付标准 (POLICY.md §3 step 2). An episode covers the visits at
 * one institution that start within the window of the episode's <em>first</em> visit; the window
 * is not rolled forward by later visits.
 */
public final class EpisodeRule {

    private EpisodeRule() {}

    public static boolean covers(LocalDateTime episodeStart, LocalDateTime visitTime, Duration window) {
        return !visitTime.isBefore(episodeStart) && visitTime.isBefore(episodeStart.plus(window));
    }

    /** The episode (of this person at this institution) that a visit belongs to, if any: the latest that covers it. */
    public static Optional<EpisodeState> find(Collection<EpisodeState> episodes, LocalDateTime visitTime, Duration window) {
        return episodes.stream()
                .filter(e -> covers(e.startedAt(), visitTime, window))
                .max(Comparator.comparing(EpisodeState::startedAt));
    }
}
