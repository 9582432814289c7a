package cn.gongji.settlement.his;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** Transaction codes and their handlers; {@code changesState} routes go through idempotency. */
@Component
public class HisRoutes {

    public record Route(String infno, boolean changesState, Function<HisCall, JsonNode> handler) {}

    private final Map<String, Route> routes = new HashMap<>();

    public HisRoutes(PersonTx person, VisitTx visit, FeeTx fee, SettleTx settle, ReversalTx reversal, QueryTx query,
            SignTx sign) {
        add("9001", true, sign::signIn);
        add("9002", true, sign::signOut);
        add("1101", false, person::info);
        add("2201", true, visit::register);
        add("2202", true, visit::cancel);
        add("2203", true, visit::info);
        add("2204", true, fee::upload);
        add("2205", true, fee::cancel);
        add("2206", false, settle::preSettle);
        add("2207", true, settle::settle);
        add("2208", true, settle::cancel);
        add("2601", true, reversal::reverse);
        add("5203", false, query::settlement);
        add("5204", false, query::feeDetails);
        add("5206", false, query::cumulative);
    }

    private void add(String infno, boolean changesState, Function<HisCall, JsonNode> handler) {
        routes.put(infno, new Route(infno, changesState, handler));
    }

    public Optional<Route> find(String infno) {
        return Optional.ofNullable(routes.get(infno));
    }

    public Set<String> codes() {
        return new TreeSet<>(routes.keySet());
    }
}
