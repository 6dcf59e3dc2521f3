package com.bazaar.app.roles;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Refuses, before anything starts, a node whose roles ({@code bazaar.roles.command|query|saga}) would need a
 * distributed command or query bus. This build's buses are local (Axon's SimpleCommandBus and SimpleQueryBus): a
 * command or query is handled on the node that sends it or not at all. What each role sends:
 * <ul>
 *   <li>command: commands to its own aggregates, {@code FindMedia} to the media module (same role): self-contained;</li>
 *   <li>query: queries to its own handlers ({@code FindSellerLabels} from the feed and listing detail): self-contained;</li>
 *   <li>saga: commands to orders ({@code RecordPaymentIntent}, {@code ConfirmPayment}, {@code ConfirmRefund}, ...) from
 *   the saga and the Stripe webhook, and {@code FindOrder} from {@code GET /orders/{id}/payment}: needs both others.</li>
 * </ul>
 * Everything else between roles travels as events through the shared event store, which every node reads.
 */
public final class RoleCombinations implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        List<String> problems =
                problems(enabled(environment, "command"), enabled(environment, "query"), enabled(environment, "saga"));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start with these roles: " + String.join(" ", problems)
                    + " (README, \"Several nodes\").");
        }
    }

    private static boolean enabled(ConfigurableEnvironment environment, String role) {
        return environment.getProperty("bazaar.roles." + role, Boolean.class, true);
    }

    /** What is wrong with this combination, each with what to change; empty when the node can work alone. */
    static List<String> problems(boolean command, boolean query, boolean saga) {
        List<String> problems = new ArrayList<>();
        if (saga && !(command && query)) {
            List<String> missing = new ArrayList<>();
            if (!command) {
                missing.add("the command side (the saga and the Stripe webhook send commands to orders)");
            }
            if (!query) {
                missing.add("the query side (GET /orders/{id}/payment asks FindOrder)");
            }
            problems.add("bazaar.roles.saga=true needs " + String.join(" and ", missing)
                    + " on the same node, because commands and queries are not sent between nodes."
                    + " Set BAZAAR_ROLE_COMMAND=true and BAZAAR_ROLE_QUERY=true on this node,"
                    + " or BAZAAR_ROLE_SAGA=false and run the saga on a node that has all three roles.");
        }
        return problems;
    }
}
