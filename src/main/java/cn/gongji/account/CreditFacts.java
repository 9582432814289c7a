package cn.gongji.account;

import cn.gongji.benefit.StatusChange;
import cn.gongji.common.Money;
import java.time.LocalDate;
import java.util.List;

/**
 * What the monthly credit of one person depends on.
 *
 * @param insuDate      the date the person's insurance began
 * @param pausInsuDate  the date from which the insurance in force on the month's first day is suspended or
 *                      ended, or null when it is active then (the latest insurance status change in force
 *                      on that day; without any, person.paus_insu_date, as settlement reads it)
 * @param history       status history, initial status first (see {@link StatusChange})
 * @param baseInForce   the latest contribution base with effective_month ≤ the month, or null
 * @param account       the account's state (none / open / closed)
 */
public record CreditFacts(
        String psnNo,
        LocalDate insuDate,
        LocalDate pausInsuDate,
        List<StatusChange> history,
        Money baseInForce,
        AccountState.Status account) {}
