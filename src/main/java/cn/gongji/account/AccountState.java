package cn.gongji.account;

import cn.gongji.common.Money;
import java.util.Objects;

/** One personal account as the ledger rules see it: balance and whether it is open. */
public record AccountState(String psnNo, Money balance, Status status, String closedReason) {

    public enum Status {
        /** No account row yet (only a transfer-in may open one). */
        NONE,
        OPEN,
        CLOSED;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public AccountState {
        Objects.requireNonNull(psnNo, "psnNo");
        Objects.requireNonNull(balance, "balance");
        Objects.requireNonNull(status, "status");
        if (balance.isNegative()) {
            throw new IllegalArgumentException("a balance is never negative: " + psnNo + " " + balance);
        }
    }

    public static AccountState none(String psnNo) {
        return new AccountState(psnNo, Money.ZERO, Status.NONE, null);
    }

    public static AccountState open(String psnNo, Money balance) {
        return new AccountState(psnNo, balance, Status.OPEN, null);
    }

    public boolean isOpen() {
        return status == Status.OPEN;
    }
}
