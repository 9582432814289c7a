package cn.gongji.settlement.his;

import org.springframework.stereotype.Component;

/** The outpatient transactions of PROTOCOL.md §2: sign-in, person, visit, fees, settlement, reversal, queries. */
@Component
class OutpatientRoutes implements HisRoutes.Contributor {

    private final PersonTx person;
    private final VisitTx visit;
    private final FeeTx fee;
    private final SettleTx settle;
    private final ReversalTx reversal;
    private final QueryTx query;
    private final SignTx sign;

    OutpatientRoutes(PersonTx person, VisitTx visit, FeeTx fee, SettleTx settle, ReversalTx reversal, QueryTx query,
            SignTx sign) {
        this.person = person;
        this.visit = visit;
        this.fee = fee;
        this.settle = settle;
        this.reversal = reversal;
        this.query = query;
        this.sign = sign;
    }

    @Override
    public void contribute(HisRoutes.Registry r) {
        r.add("9001", true, sign::signIn);
        r.add("9002", true, sign::signOut);
        r.add("1101", false, person::info);
        r.add("2201", visit::register, visit::registerAnswered);   // one statement when in order
        r.add("2202", true, visit::cancel);
        r.add("2203", true, visit::info);
        r.add("2204", true, fee::upload);
        r.add("2205", true, fee::cancel);
        r.add("2206", false, settle::preSettle);
        r.add("2207", true, settle::settle);
        r.add("2208", true, settle::cancel);
        r.add("2601", true, reversal::reverse);
        r.add("5203", false, query::settlement);
        r.add("5204", false, query::feeDetails);
        r.add("5206", false, query::cumulative);
    }
}
