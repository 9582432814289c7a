package cn.gongji.console.person;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** A settlement (or reversal) row as the console shows it, with its fee lines and the explanation. */
public record SettlementView(
        String setlId,
        String refdSetlId,
        String mdtrtId,
        String psnNo,
        String fixmedinsCode,
        String fixmedinsName,
        OffsetDateTime setlTime,
        LocalDate careDate,
        String policyVersion,
        String psnType,
        String level,
        BigDecimal medfee,
        BigDecimal ownpay,
        BigDecimal overlimit,
        BigDecimal prepay,
        BigDecimal inScope,
        BigDecimal deductible,
        BigDecimal fundPay,
        BigDecimal ratio,
        BigDecimal personal,
        BigDecimal acctPay,
        BigDecimal mulaidPay,
        BigDecimal cash,
        BigDecimal balc,
        BigDecimal remainingBefore,
        String trace,
        OffsetDateTime cancelledAt,
        List<Line> lines) {

    public record Line(String code, String name, String chrgitmLv, BigDecimal pric, BigDecimal cnt, BigDecimal sum,
            BigDecimal ownpay, BigDecimal overlimit, BigDecimal prepay, BigDecimal inScope) {

        /** The unit price as a reader writes it: at least the fen, more places only when it has them (12.50, 0.125). */
        public String pricText() {
            return plain(pric, 2);
        }

        /** The quantity without the column's trailing zeros (10, 2.5). */
        public String cntText() {
            return plain(cnt, 0);
        }

        static String plain(BigDecimal v, int minScale) {
            if (v == null) {
                return "";
            }
            BigDecimal s = v.stripTrailingZeros();
            return (s.scale() < minScale ? s.setScale(minScale) : s).toPlainString();
        }
    }

    public boolean reversal() {
        return refdSetlId != null;
    }

    public List<String> traceLines() {
        return trace == null ? List.of() : List.of(trace.split("\n"));
    }

    SettlementView withLines(List<Line> l) {
        return new SettlementView(setlId, refdSetlId, mdtrtId, psnNo, fixmedinsCode, fixmedinsName, setlTime, careDate,
                policyVersion, psnType, level, medfee, ownpay, overlimit, prepay, inScope, deductible, fundPay, ratio,
                personal, acctPay, mulaidPay, cash, balc, remainingBefore, trace, cancelledAt, l);
    }
}
