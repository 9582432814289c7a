package cn.gongji.settlement.his;

import cn.gongji.settlement.SettleRequest;
import cn.gongji.settlement.Settler;
import cn.gongji.settlement.StoredAnswer;
import cn.gongji.store.TailCommit;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * Settles 2207 messages that arrive together in ONE database transaction ({@link HisBatches}; issue 9,
 * docs/performance.md "Settlement batches"): a batch worker takes what is queued — one visit per
 * person, no person another batch is settling — and in one transaction locks them all, reads their
 * state in one statement, computes each settlement with the pure core, writes them and stores every
 * answer with one call, which also commits.
 *
 * <p>Every guarantee of the one-by-one path holds: each answer is stored in the transaction of its
 * effect (exactly once per msgid), the annual limit is checked under the person's lock, and a batch
 * that fails in any way changes nothing. Anything but the plain case — a refusal, a retry, an
 * account payment, a batch that failed — answers "empty", and the request thread then settles that
 * message one by one ({@link HisProcessor}), which gives it exactly the answer it would have had
 * without batching.
 */
@Component
public class SettleBatches extends HisBatches<SettleRequest> {

    private final SettleTx settleTx;
    private final Settler settler;
    private final HisReply reply;
    private final ObjectMapper json;
    private final TailCommit tail;

    public SettleBatches(SettleTx settleTx, Settler settler, HisReply reply, ObjectMapper json,
            TailCommit tail, Environment env, MeterRegistry registry) {
        super("2207 settlements", "gongji.settlement.batch", "gongji.settlement.batch", env, registry);
        this.settleTx = settleTx;
        this.settler = settler;
        this.reply = reply;
        this.json = json;
        this.tail = tail;
    }

    /** Settles the 2207 in a batch (see {@link HisBatches#handle}). */
    public byte[] settle(HisCall call, Supplier<byte[]> oneByOne) {
        return handle(call, oneByOne);
    }

    @Override
    protected SettleRequest batchable(HisCall call) {
        SettleRequest request = settleTx.settleRequest(call);
        return request.useAccount() ? null : request;   // account payments are settled one by one (Settler.settleBatch)
    }

    /** One visit per person in a batch: the batch holds the person's accumulator until it commits. */
    @Override
    protected String exclusive(SettleRequest request) {
        return request.psnNo();
    }

    @Override
    protected String unique(SettleRequest request) {
        return request.mdtrtId();
    }

    /**
     * One transaction: settle, answer, store the answers, and commit in the round trip of that last
     * statement ({@link TailCommit}); a failure rolls it all back (the caller answers empty).
     */
    @Override
    protected List<Optional<byte[]>> run(List<Item<SettleRequest>> batch) {
        return inOneTransaction(tail, batch.size(), rendered -> {
            List<Settler.BatchItem> items = new ArrayList<>(batch.size());
            for (int k = 0; k < batch.size(); k++) {
                Item<SettleRequest> it = batch.get(k);
                int at = k;
                items.add(new Settler.BatchItem(it.call().inst(), it.request(), it.call()::checkInsuredArea, o ->
                        new StoredAnswer(it.call().inst().code(), it.call().msgid(), "2207", it.hash(), it.request().psnNo(),
                                rendered.keep(at, json.writeValueAsString(reply.success(settleTx.output(it.call(), o),
                                        it.call().receivedAt()))))));
            }
            return settler.settleBatch(items);
        });
    }
}
