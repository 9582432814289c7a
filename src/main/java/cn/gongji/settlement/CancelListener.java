package cn.gongji.settlement;

/**
 * Told of every settlement cancel (2208, 2103, 2601) inside its transaction, after the reversal row
 * is written: a feature that attached state to the settlement (a pharmacy sale's prescription
 * fills, its sale visit) gives it back here. Throwing rolls the cancel back.
 */
public interface CancelListener {

    void cancelled(Institution inst, SettlementRow original, SettlementRow reversal);
}
