package cn.gongji.settlement;

import cn.gongji.support.HisClient;
import cn.gongji.support.Invariants;
import cn.gongji.support.LockWaits;
import cn.gongji.support.RefData;
import java.math.BigDecimal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What every HIS integration test shares: a signing client per institution, the fixture, the invariants after each test. */
abstract class HisTestBase {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient db;

    RefData ref;

    @BeforeEach
    void fixture() {
        ref = new RefData(db);
    }

    @AfterEach
    void invariantsHold() {
        Invariants.check(db);
    }

    HisClient client(RefData.Inst inst) {
        return new HisClient("http://127.0.0.1:" + port, inst.code(), inst.secret());
    }

    BigDecimal balance(String psnNo) {
        return db.sql("select balance from account where psn_no = :p").param("p", psnNo).query(BigDecimal.class).single();
    }

    /** One backend of this database waiting for a lock ({@link LockWaits}), 10 s at most; how many waited. */
    long awaitOneWaitingForARowLock() throws InterruptedException {
        return LockWaits.await(db, 1);
    }

    BigDecimal poolPaid(String psnNo, int year) {
        return db.sql("select coalesce(max(pool_paid), 0) from year_accumulator where psn_no = :p and year = :y")
                .param("p", psnNo).param("y", year).query(BigDecimal.class).single();
    }
}
