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

    public record Route(String infno, boolean changesState, Function<HisCall, JsonNode> handler) {}

    /** Adds transactions to the protocol endpoint. */
    public interface Contributor {
        void contribute(Registry routes);
    }

    /** What a contributor may do: add a route for a code nobody else serves. */
    public interface Registry {
        void add(String infno, boolean changesState, Function<HisCall, JsonNode> handler);
    }

    private final Map<String, Route> routes = new HashMap<>();

    public HisRoutes(List<Contributor> contributors) {
        Registry registry = this::add;
        contributors.forEach(c -> c.contribute(registry));
    }

    private void add(String infno, boolean changesState, Function<HisCall, JsonNode> handler) {
        if (routes.putIfAbsent(infno, new Route(infno, changesState, handler)) != null) {
            throw new IllegalStateException("two handlers for infno " + infno);
        }
    }

    public Optional<Route> find(String infno) {
        return Optional.ofNullable(routes.get(infno));
    }

    public Set<String> codes() {
        return new TreeSet<>(routes.keySet());
    }
}
