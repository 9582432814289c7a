package cn.gongji.account;

/** Thrown by the ledger adapters when the rules refuse a posting; nothing has been written. */
public class LedgerRefused extends RuntimeException {

    private final transient Refusal refusal;

    public LedgerRefused(Refusal refusal) {
        super(refusal.message());
        this.refusal = refusal;
    }

    public Refusal refusal() {
        return refusal;
    }
}
