package cn.gongji.account;

import cn.gongji.common.Money;
import java.util.ArrayList;
import java.util.List;

/**
 * How a personal share is paid: personal accounts in payer order, then cash.
 * {@code acctPay + cash = personalShare}; {@code mulaidPay} is the part of {@code acctPay} paid by
 * family members' accounts.
 */
public record AccountSplit(Money acctPay, Money mulaidPay, Money cash, List<AccountDraw> draws) {

    /**
     * @param personalShare what the person owes for the settlement
     * @param cashOnly      the part that must be cash whatever the balances (items the account may
     *                      not pay, Art. 10); capped at the personal share
     * @param useAccount    the request's acct_used_flag
     * @param sources       own account first, then binding holders in binding order
     */
    public static AccountSplit split(Money personalShare, Money cashOnly, boolean useAccount, List<AccountSource> sources) {
        if (personalShare.isNegative() || cashOnly.isNegative()) {
            throw new IllegalArgumentException("amounts cannot be negative");
        }
        Money payable = useAccount ? personalShare.minus(cashOnly.min(personalShare)) : Money.ZERO;
        List<AccountDraw> draws = new ArrayList<>();
        Money acct = Money.ZERO;
        Money mulaid = Money.ZERO;
        for (AccountSource s : sources) {
            Money left = payable.minus(acct);
            if (!left.isPositive()) {
                break;
            }
            Money take = left.min(s.available().atLeastZero());
            if (take.isPositive()) {
                draws.add(new AccountDraw(s.psnNo(), take, s.own()));
                acct = acct.plus(take);
                if (!s.own()) {
                    mulaid = mulaid.plus(take);
                }
            }
        }
        return new AccountSplit(acct, mulaid, personalShare.minus(acct), List.copyOf(draws));
    }
}
