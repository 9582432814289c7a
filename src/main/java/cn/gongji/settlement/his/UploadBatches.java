package cn.gongji.settlement.his;

import cn.gongji.settlement.FeeLineRow;
import cn.gongji.settlement.FeeService;
import cn.gongji.settlement.LineInput;
import cn.gongji.settlement.StoredAnswer;
import cn.gongji.store.TailCommit;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * Stores 2204 fee uploads that arrive together in ONE database transaction ({@link HisBatches};
 * issue 9, seventh pass; docs/performance.md). A batch takes the usual upload — the lines of one
 * visit and one person, at most {@link #MAX_LINES} of them — one per visit, none of a visit another
 * batch holds; ONE call locks every visit and reads what each holds, each upload is checked and
 * priced exactly as one by one ({@link FeeService#uploadBatch}), and ONE statement inserts every
 * line and stores every answer, and commits ({@link TailCommit}).
 *
 * <p>Every guarantee of the one-by-one path holds: each answer is stored in the transaction of its
 * lines (exactly once per msgid), the checks run under the visit's lock, and a batch that fails
 * changes nothing. Anything but the plain case — a refusal, a retry, an upload of several visits,
 * a batch that failed — answers "empty", and the request thread uploads that message one by one,
 * which gives it exactly the answer it would have had without batching.
 */
@Component
public class UploadBatches extends HisBatches<List<LineInput>> {

    /** Uploads with more lines are stored one by one (a batch's insert stays within one statement). */
    static final int MAX_LINES = 16;

    private final FeeTx feeTx;
    private final FeeService fees;
    private final HisReply reply;
    private final ObjectMapper json;
    private final TailCommit tail;

    public UploadBatches(FeeTx feeTx, FeeService fees, HisReply reply, ObjectMapper json, TailCommit tail, Environment env,
            MeterRegistry registry) {
        super("2204 fee uploads", "gongji.upload.batch", "gongji.upload.batch", env, registry);
        this.feeTx = feeTx;
        this.fees = fees;
        this.reply = reply;
        this.json = json;
        this.tail = tail;
    }

    /** The lines, when the upload is the usual one: one visit, one person, and the answer stored with the lines. */
    @Override
    protected List<LineInput> batchable(HisCall call) {
        if (!call.answer().enabled()) {
            return null;
        }
        List<LineInput> lines = feeTx.lines(call);
        if (lines.isEmpty() || lines.size() > MAX_LINES) {
            return null;
        }
        LineInput first = lines.getFirst();
        boolean oneVisit = lines.stream().allMatch(l -> l.mdtrtId().equals(first.mdtrtId()) && l.psnNo().equals(first.psnNo()));
        return oneVisit ? lines : null;
    }

    /** One upload per visit in a batch: the batch holds the visit's lock until it commits. */
    @Override
    protected String exclusive(List<LineInput> lines) {
        return lines.getFirst().mdtrtId();
    }

    /**
     * One transaction: lock and read, check and price, insert the lines and store the answers, and
     * commit in the round trip of that last statement; a failure rolls it all back (the caller
     * answers empty).
     */
    @Override
    protected List<Optional<byte[]>> run(List<Item<List<LineInput>>> batch) {
        return inOneTransaction(tail, batch.size(), rendered -> {
            List<FeeService.BatchUpload> items = new ArrayList<>(batch.size());
            for (int k = 0; k < batch.size(); k++) {
                Item<List<LineInput>> it = batch.get(k);
                int at = k;
                items.add(new FeeService.BatchUpload(it.call().inst(), it.call().msgid(), it.request(),
                        it.call()::checkInsuredArea, (List<FeeLineRow> unsaved) -> new StoredAnswer(it.call().inst().code(),
                                it.call().msgid(), "2204", it.hash(), it.request().getFirst().psnNo(),
                                rendered.keep(at, json.writeValueAsString(reply.success(feeTx.output(unsaved), it.call().receivedAt()))))));
            }
            return fees.uploadBatch(items);
        });
    }
}
