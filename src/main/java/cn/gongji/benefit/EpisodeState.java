package cn.gongji.benefit;

import cn.gongji.common.Money;
import java.time.LocalDateTime;

/** A person's deductible episode at one institution: when it started and how much deductible it has met. */
public record EpisodeState(long id, LocalDateTime startedAt, Money deductibleMet) {}
