package cn.gongji.account;

import cn.gongji.common.Money;

/**
 * Why the ledger refused a posting: a code plus the facts behind it, never a string to grep.
 * {@link #message()} is "中文 / English" for the person at the counter or the agency desk.
 */
public sealed interface Refusal {

    String code();

    String psnNo();

    String message();

    /** The posting would take the balance below zero. */
    record InsufficientBalance(String psnNo, EntryKind kind, Money balance, Money requested, Money shortfall) implements Refusal {
        public String code() {
            return "insufficient_balance";
        }

        public String message() {
            return "个人账户余额不足：余额 " + balance + " 元，需 " + requested + " 元，差 " + shortfall + " 元"
                    + " / Personal account balance too low: balance " + balance + ", needed " + requested
                    + ", short by " + shortfall;
        }
    }

    /** The account is closed (transferred out or paid out); only a transfer-in may reopen it. */
    record AccountClosed(String psnNo, EntryKind kind, String closedReason) implements Refusal {
        public String code() {
            return "account_closed";
        }

        public String message() {
            String why = closedReason == null ? "" : "（" + closedReason + "）";
            String whyEn = closedReason == null ? "" : " (" + closedReason + ")";
            return "个人账户 " + psnNo + " 已关闭" + why + "，不能办理" + kind.zh() + "（" + kind.code() + "）"
                    + " / The personal account " + psnNo + " is closed" + whyEn + " and refuses " + kind.code();
        }
    }

    /** No account exists for the person (only a transfer-in opens one). */
    record NoAccount(String psnNo, EntryKind kind) implements Refusal {
        public String code() {
            return "no_account";
        }

        public String message() {
            return "参保人 " + psnNo + " 没有个人账户 / Person " + psnNo + " has no personal account";
        }
    }

    /** The amount's sign or size does not fit the kind (a credit must be positive, ...). */
    record WrongAmount(String psnNo, EntryKind kind, Money amount, String expected) implements Refusal {
        public String code() {
            return "wrong_amount";
        }

        public String message() {
            return "金额 " + amount + " 不适用于 " + kind.code() + "（应为" + zh(expected) + "）"
                    + " / Amount " + amount + " does not fit " + kind.code() + " (must be " + expected + ")";
        }

        private static String zh(String expected) {
            return switch (expected) {
                case "positive" -> "正数";
                case "negative" -> "负数";
                case "non-zero" -> "非零";
                case "zero or positive" -> "零或正数";
                default -> expected;
            };
        }
    }

    /** The reference was already used for this person and kind, with a different amount. */
    record ReferenceReused(String psnNo, EntryKind kind, String ref, Money firstAmount, Money requested) implements Refusal {
        public String code() {
            return "reference_reused";
        }

        public String message() {
            return "业务流水号 " + ref + " 已用于 " + firstAmount + " 元的" + kind.code() + "，不能再用于 " + requested + " 元"
                    + " / Reference " + ref + " was already used for a " + kind.code() + " of " + firstAmount
                    + " and cannot be reused for " + requested;
        }
    }
}
