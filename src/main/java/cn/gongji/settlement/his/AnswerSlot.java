package cn.gongji.settlement.his;

import cn.gongji.settlement.StoredAnswer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Lets a state-changing handler store its message's answer with its own last write, one round trip
 * less than {@link HisProcessor}'s separate insert into his_message (issue 9). The handler builds
 * its output before that write, asks for the answer ({@link #render}), and writes the
 * {@link StoredAnswer} in the same statement as its effect; the processor then answers exactly the
 * bytes rendered and stores nothing more. A handler that never calls {@link #render} (or finds the
 * slot not {@link #enabled}) is answered and stored by the processor as before.
 *
 * <p>The contract: whoever calls {@link #render} writes what it returns in the transaction of the
 * effect, or fails. One request, one thread: not shared.
 */
public final class AnswerSlot {

    private final String fixmedinsCode;
    private final String msgid;
    private final String infno;
    private final boolean enabled;
    private final Function<JsonNode, byte[]> renderer;
    private final Envelope envelope;
    private String bodyHash;
    private byte[] rendered;

    AnswerSlot(Envelope env, boolean enabled, Function<JsonNode, byte[]> renderer) {
        this.enabled = enabled;
        this.fixmedinsCode = env.fixmedinsCode();
        this.msgid = env.msgid();
        this.infno = env.infno();
        this.renderer = renderer;
        this.envelope = env;
    }

    /** What makes two messages "the same body" ({@link BodyHash}), computed once. */
    String bodyHash() {
        if (bodyHash == null) {
            bodyHash = BodyHash.of(envelope.infno(), envelope.input().node());
        }
        return bodyHash;
    }

    /**
     * Whether a handler may store the answer itself ({@code gongji.his.answer-with-effect}, off on
     * sharded nodes); when not, it leaves the answer to the processor.
     */
    public boolean enabled() {
        return enabled;
    }

    /** The answer to {@code output}, to be written with the effect; the processor answers these bytes. */
    public StoredAnswer render(JsonNode output) {
        rendered = renderer.apply(output);
        // read here, after the handler: it has checked the message's psn_no fields by then
        JsonNode psn = envelope.input().node().findValue("psn_no");
        return new StoredAnswer(fixmedinsCode, msgid, infno, bodyHash(), psn == null ? null : psn.asString(),
                new String(rendered, StandardCharsets.UTF_8));
    }

    /** Forgets an answer rendered by an attempt that was not written (it rolled back, or fell back). */
    void clear() {
        rendered = null;
    }

    /** The answer the handler stored itself, if it did. */
    Optional<byte[]> storedByHandler() {
        return Optional.ofNullable(rendered);
    }
}
