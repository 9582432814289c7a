package cn.gongji.bench.sim;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pooling-fund payments the generator saw answered, per person: + hifp_pay of every successful
 * 2207/2102, − the same amount for every successful 2208. A person with a settlement or cancel of
 * unknown outcome (transport error, infcode −1) is "uncertain" and left out of the comparison.
 */
public final class Ledger {

    private final Map<String, BigDecimal> paid = new ConcurrentHashMap<>();
    private final Set<String> uncertain = ConcurrentHashMap.newKeySet();

    void add(String psnNo, BigDecimal amount) {
        if (amount != null) {
            paid.merge(psnNo, amount, BigDecimal::add);
        }
    }

    void uncertain(String psnNo) {
        uncertain.add(psnNo);
    }

    public BigDecimal paid(String psnNo) {
        return paid.getOrDefault(psnNo, BigDecimal.ZERO);
    }

    public boolean isUncertain(String psnNo) {
        return uncertain.contains(psnNo);
    }

    public int uncertainCount() {
        return uncertain.size();
    }
}
