package cn.gongji.settlement.his;

import cn.gongji.ops.HisMetrics;
import cn.gongji.ops.HisRateLimit;
import cn.gongji.policy.PolicyBook;
import cn.gongji.settlement.HisBusinessException;
import cn.gongji.settlement.Institution;
import cn.gongji.settlement.RunAgainRefusal;
import cn.gongji.store.Sharding;
import cn.gongji.store.SqlStates;
import cn.gongji.store.TailCommit;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.env.Environment;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One HIS message from bytes to bytes: parse, validate the envelope, authenticate, run the
 * transaction (state-changing ones exactly once per (fixmedins_code, msgid)), and map every failure
 * to the protocol's error shape — the ONE place that does so. Business refusals answer -2 and are
 * not stored (they changed nothing; a retry is processed afresh); anything unexpected answers -1
 * with a reference id logged beside the stack trace.
 */
@Component
public class HisProcessor {

    private static final Logger log = LoggerFactory.getLogger(HisProcessor.class);

    /** Reads amounts as BigDecimal, never double. */
    private static final ObjectMapper READER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private final HisAuth auth;
    private final HisRoutes routes;
    private final HisMessages messages;
    private final HisReply reply;
    private final ObjectMapper json;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final HisRateLimit rateLimit;
    private final HisMetrics metrics;
    private final SettleBatches batches;
    private final UploadBatches uploads;
    private final TailCommit tail;
    private final boolean answerWithEffect;

    public HisProcessor(HisAuth auth, HisRoutes routes, HisMessages messages, HisReply reply, ObjectMapper json,
            TransactionTemplate tx, Clock clock, HisRateLimit rateLimit, HisMetrics metrics, SettleBatches batches,
            UploadBatches uploads, TailCommit tail, Environment env) {
        this.batches = batches;
        this.uploads = uploads;
        this.tail = tail;
        // sharded deployments store every answer with its own insert: ShardingSphere does not route a
        // statement that writes two tables from a WITH clause (docs/scale-out.md)
        this.answerWithEffect = env.getProperty("gongji.his.answer-with-effect", Boolean.class,
                !Sharding.sharded(env));
        this.rateLimit = rateLimit;
        this.metrics = metrics;
        this.auth = auth;
        this.routes = routes;
        this.messages = messages;
        this.reply = reply;
        this.json = json;
        this.tx = tx;
        this.clock = clock;
    }

    /** @param body null when the body exceeded the size limit */
    public byte[] process(byte[] body, HisHeaders headers) {
        Instant received = clock.instant();
        long started = System.nanoTime();
        String infno = "none";
        int infcode = 0;
        try {
            Envelope env = Envelope.read(parse(body));
            infno = routes.find(env.infno()).isPresent() ? env.infno() : "other";
            MDC.put("msgid", env.msgid());
            MDC.put("fixmedins_code", env.fixmedinsCode());
            Institution inst = auth.authenticate(headers, env.fixmedinsCode());
            rateLimit.admit(inst.code());
            HisRoutes.Route route = routes.find(env.infno()).orElseThrow(() -> new HisBusinessException("INFNO",
                    "不支持的交易编号 infno " + env.infno() + "，支持：" + String.join("、", routes.codes())
                            + " / unsupported infno"));
            HisCall call = new HisCall(env, inst, received, new AnswerSlot(env, answerWithEffect,
                    output -> bytes(reply.success(output, received))));
            if (route.changesState()) {
                if (route.infno().equals("2207") && batches.enabled()) {
                    return batches.settle(call, () -> once(route, call));
                }
                if (route.infno().equals("2204") && uploads.enabled()) {
                    return uploads.handle(call, () -> once(route, call));
                }
                if (route.withoutTransaction() != null) {
                    Optional<byte[]> answer = route.withoutTransaction().apply(call);
                    if (answer.isPresent()) {
                        return answer.get();
                    }
                }
                return once(route, call);
            }
            return bytes(reply.success(tx.execute(s -> route.handler().apply(call)), received));
        } catch (HisBusinessException e) {
            infcode = -2;
            log.info("refused ({}): {}", e.code(), e.getMessage());
            return bytes(reply.error(-2, e.getMessage(), received));
        } catch (PolicyBook.NoPolicyInForce e) {
            infcode = -2;
            return bytes(reply.error(-2, "就诊日期 " + e.date() + " 无在施行的门诊共济政策 / no policy in force on " + e.date(),
                    received));
        } catch (RuntimeException e) {
            infcode = -1;
            String ref = UUID.randomUUID().toString().substring(0, 8);
            log.error("internal error, reference {}", ref, e);
            return bytes(reply.error(-1, "系统内部错误，请使用2601冲正后重试（参考号 " + ref + "） / internal error: reverse with 2601 and retry (reference "
                    + ref + ")", received));
        } finally {
            metrics.record(infno, infcode, System.nanoTime() - started);
            MDC.remove("msgid");
            MDC.remove("fixmedins_code");
        }
    }

    /**
     * Runs a state-changing transaction exactly once per (fixmedins_code, msgid): the answer is
     * stored in the same database transaction as the effect. A NEW message is not looked up first:
     * the handler runs and the answer is inserted; when the primary key of his_message says the
     * msgid was seen (a retry, a race, a reused or reversed msgid), everything the handler did rolls
     * back and the stored row decides the answer. A handler failure is checked against the stored
     * row too, so a retry answers its first answer even when running it again would be refused.
     * The statement that stores the answer is the transaction's last and commits it in the same
     * round trip ({@link TailCommit}). A transaction PostgreSQL rolled back as a deadlock's victim
     * runs again, {@link #ATTEMPTS} times at most ({@link #rolledBackToRunAgain}).
     */
    private byte[] once(HisRoutes.Route route, HisCall call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return onceAttempt(route, call);
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !rolledBackToRunAgain(e)) {
                    throw e;
                }
                metrics.retried(route.infno());
                log.warn("attempt {} of {} rolled back ({}): running the message again", attempt, ATTEMPTS,
                        e instanceof RunAgainRefusal r ? r.code() : SqlStates.of(e).orElse("?"));
                try {
                    // a family draw that gave way: long enough for the other settlement's next tries (every 15 ms)
                    long pause = e instanceof RunAgainRefusal ? 50L * attempt : 1;
                    Thread.sleep(pause + ThreadLocalRandom.current().nextLong(1, 10L * attempt));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** How many times {@link #once} runs a message whose transaction a deadlock rolled back. */
    static final int ATTEMPTS = 3;

    /**
     * PostgreSQL rolled the whole transaction back for a reason of timing alone: chosen as the victim
     * of a deadlock (40P01), or a serialization failure (40001). Nothing of the message was written
     * (its answer is stored in the same transaction), so running it again is what the HIS would do
     * on a retry, without the HIS seeing an internal error. A lock NOT granted at once (55P03, the
     * family aid's NOWAIT) is not one of these: that wait is bounded on purpose. A {@link RunAgainRefusal}
     * is (a family draw that gave way, so that another settlement could go on); when the attempts are
     * spent it is answered as the refusal it is.
     */
    static boolean rolledBackToRunAgain(Throwable e) {
        return e instanceof RunAgainRefusal || SqlStates.is(e, SqlStates.DEADLOCK)
                || SqlStates.is(e, SqlStates.SERIALIZATION_FAILURE);
    }

    private byte[] onceAttempt(HisRoutes.Route route, HisCall call) {
        Envelope env = call.env();
        String hash = call.answer().bodyHash();
        try {
            return tail.inTransaction(s -> {
                call.answer().clear();   // an earlier attempt's answer (the one-statement 2201, a batch) was not written
                JsonNode output = route.handler().apply(call);
                Optional<byte[]> storedByHandler = call.answer().storedByHandler();
                if (storedByHandler.isPresent()) {
                    return storedByHandler.get();   // written with the handler's last statement (AnswerSlot)
                }
                byte[] answer = bytes(reply.success(output, call.receivedAt()));
                JsonNode psn = env.input().node().findValue("psn_no");
                messages.insert(call.inst().code(), env.msgid(), env.infno(), hash, psn == null ? null : psn.asString(),
                        new String(answer, StandardCharsets.UTF_8));
                return answer;
            });
        } catch (DuplicateKeyException e) {
            Optional<HisMessages.Stored> prior = messages.find(call.inst().code(), env.msgid());
            if (prior.isPresent()) {
                return replay(prior.get(), hash, env.msgid());
            }
            log.info("concurrent conflict", e);
            throw new HisBusinessException("CONFLICT", "并发提交冲突，本次未做任何处理，请稍后重试 / concurrent conflict: nothing was changed, retry");
        } catch (RuntimeException e) {
            Optional<HisMessages.Stored> prior = messages.find(call.inst().code(), env.msgid());
            if (prior.isPresent()) {
                return replay(prior.get(), hash, env.msgid());
            }
            throw e;
        }
    }

    private static byte[] replay(HisMessages.Stored prior, String hash, String msgid) {
        if (prior.reversedAt() != null) {
            throw new HisBusinessException("MSG_REVERSED", "报文 msgid " + msgid + " 已被冲正（2601），不再处理；请使用新的 msgid / the message was reversed");
        }
        if (!prior.bodySha256().equals(hash)) {
            throw new HisBusinessException("MSGID_REUSED", "报文 msgid " + msgid + " 已用于另一笔内容不同的交易（" + prior.infno()
                    + "），请使用新的 msgid / msgid already used with a different body");
        }
        return prior.response().getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode parse(byte[] body) {
        if (body == null) {
            throw new HisBusinessException("TOO_LARGE", "报文过大（上限 1 MB） / the body exceeds 1 MB");
        }
        if (body.length == 0) {
            throw new HisBusinessException("JSON", "报文为空，应为 JSON 对象 / empty body: a JSON object is expected");
        }
        try {
            JsonNode root = READER.readTree(body);
            if (root == null || !root.isObject()) {
                throw new HisBusinessException("JSON", "报文应为 JSON 对象 / the body must be a JSON object");
            }
            if (hasNul(root)) {
                // PostgreSQL text cannot hold U+0000: refused here, before any statement sees it
                throw new HisBusinessException("JSON", "报文含有 NUL 字符（\\u0000） / the body contains a NUL character (\\u0000)");
            }
            return root;
        } catch (JacksonException e) {
            throw new HisBusinessException("JSON", "报文不是合法的 JSON：" + e.getOriginalMessage() + " / malformed JSON");
        }
    }

    /** Whether a name or a text anywhere in the message contains U+0000. */
    private static boolean hasNul(JsonNode node) {
        if (node.isString()) {
            return node.asString().indexOf('\0') >= 0;
        }
        for (var field : node.properties()) {
            if (field.getKey().indexOf('\0') >= 0 || hasNul(field.getValue())) {
                return true;
            }
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (hasNul(element)) {
                    return true;
                }
            }
        }
        return false;
    }

    private byte[] bytes(ObjectNode o) {
        return json.writeValueAsBytes(o);
    }
}
