package cn.gongji.account;

import cn.gongji.common.Money;

/** An entry the rules accepted, to be appended; the store assigns its id and time. */
public record NewEntry(
        String psnNo,
        EntryKind kind,
        Money amount,
        String ref,
        String reason,
        String counterpartyPsnNo,
        Money balanceAfter,
        String actor,
        String memo) {}
