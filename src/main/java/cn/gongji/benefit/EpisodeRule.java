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

    /**
     * The episode (of this person at this institution) that a visit belongs to, if any: the latest
     * that covers it; else, for a visit registered after a later one was settled (its care time lies
     * before an episode's start), the earliest episode that started less than the window after it.
     * Either way visits within 24 hours of an episode's first visit share one deductible (POLICY.md §3
     * step 2); the episode keeps its start, so later visits count as before (docs/decisions.md D2).
     */
    public static Optional<EpisodeState> find(Collection<EpisodeState> episodes, LocalDateTime visitTime, Duration window) {
        Optional<EpisodeState> covering = episodes.stream()
                .filter(e -> covers(e.startedAt(), visitTime, window))
                .max(Comparator.comparing(EpisodeState::startedAt));
        if (covering.isPresent()) {
            return covering;
        }
        return episodes.stream()
                .filter(e -> e.startedAt().isAfter(visitTime) && e.startedAt().isBefore(visitTime.plus(window)))
                .min(Comparator.comparing(EpisodeState::startedAt));
    }
}
