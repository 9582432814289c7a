package cn.gongji.settlement.his;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Transaction codes and their handlers; {@code changesState} routes go through idempotency.
 * Features outside the settlement package (clearing's 3201–3203, supervision's 3101, ...) add
 * their transactions by declaring a {@link Contributor} bean.
 */
@Component
public class HisRoutes {

    /**
     * A transaction code and its handler. {@code withoutTransaction}, when not null, is tried first for
     * a state-changing route: it may do the whole message in ONE statement outside any transaction
     * (its answer stored by that statement, {@link AnswerSlot}) and answer it, or answer empty having
     * written nothing; then the handler runs as usual.
     */
    public record Route(String infno, boolean changesState, Function<HisCall, JsonNode> handler,
            Function<HisCall, Optional<byte[]>> withoutTransaction) {}

    /** Adds transactions to the protocol endpoint. */
    public interface Contributor {
        void contribute(Registry routes);
    }

    /** What a contributor may do: add a route for a code nobody else serves. */
    public interface Registry {
        void add(String infno, boolean changesState, Function<HisCall, JsonNode> handler);

        /** A state-changing route that may be done in one statement first ({@link Route#withoutTransaction}). */
        void add(String infno, Function<HisCall, JsonNode> handler, Function<HisCall, Optional<byte[]>> withoutTransaction);
    }

    private final Map<String, Route> routes = new HashMap<>();

    public HisRoutes(List<Contributor> contributors) {
        Registry registry = new Registry() {
            @Override
            public void add(String infno, boolean changesState, Function<HisCall, JsonNode> handler) {
                HisRoutes.this.add(new Route(infno, changesState, handler, null));
            }

            @Override
            public void add(String infno, Function<HisCall, JsonNode> handler,
                    Function<HisCall, Optional<byte[]>> withoutTransaction) {
                HisRoutes.this.add(new Route(infno, true, handler, withoutTransaction));
            }
        };
        contributors.forEach(c -> c.contribute(registry));
    }

    private void add(Route route) {
        if (routes.putIfAbsent(route.infno(), route) != null) {
            throw new IllegalStateException("two handlers for infno " + route.infno());
        }
    }

    public Optional<Route> find(String infno) {
        return Optional.ofNullable(routes.get(infno));
    }

    public Set<String> codes() {
        return new TreeSet<>(routes.keySet());
    }
}
