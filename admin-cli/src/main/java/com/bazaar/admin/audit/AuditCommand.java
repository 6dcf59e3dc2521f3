package com.bazaar.admin.audit;

import com.bazaar.admin.BazaarAdmin;
import com.bazaar.admin.BazaarApi;
import com.bazaar.admin.Tables;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code bazaar-admin audit ...}: who did what and when (docs/OPERATIONS.md, "Find who changed X"). */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = "The audit trail: every event, security entry and audit read; an aggregate's history and its "
                + "state at a moment.",
        subcommands = {AuditCommand.ListEntries.class, AuditCommand.History.class, AuditCommand.State.class})
public final class AuditCommand implements Runnable {

    @ParentCommand
    private BazaarAdmin admin;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(
                spec.commandLine(), "Name an audit command: list, history or state");
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "Lists audit entries matching all the given filters, newest first unless --order asc.")
    static final class ListEntries implements Callable<Integer> {

        @ParentCommand
        private AuditCommand audit;

        @Spec
        private CommandSpec spec;

        @Option(
                names = "--aggregate-type",
                paramLabel = "TYPE",
                description = "Listing, Cart, Order, ChatThread, Account (security entries) or Audit (audit reads).")
        private String aggregateType;

        @Option(names = "--aggregate-id", paramLabel = "ID", description = "The aggregate's (or account's) id.")
        private String aggregateId;

        @Option(names = "--user", paramLabel = "USER_ID", description = "The acting account's id.")
        private String userId;

        @Option(names = "--event-type", paramLabel = "EVENT", description = "E.g. OrderRefunded, SignInFailed.")
        private String eventType;

        @Option(names = "--from", paramLabel = "INSTANT", description = "At or after, e.g. 2026-01-31T09:00:00Z.")
        private String from;

        @Option(names = "--to", paramLabel = "INSTANT", description = "At or before, e.g. 2026-01-31T18:00:00Z.")
        private String to;

        @Option(
                names = "--order",
                paramLabel = "asc|desc",
                description = "Oldest (asc) or newest (desc, default) first.")
        private String order;

        @Option(names = "--limit", paramLabel = "N", description = "Entries per page (1-500; default 50).")
        private Integer limit;

        @Option(names = "--cursor", paramLabel = "CURSOR", description = "Continue from a previous page's next cursor.")
        private String cursor;

        @Option(names = "--all", description = "Follow the cursor to the last page.")
        private boolean all;

        @Option(names = "--json", description = "Print the entries as JSON, payloads included.")
        private boolean json;

        @Override
        public Integer call() {
            return audit.admin.call(spec, api -> {
                ArrayNode items = api.json().createArrayNode();
                String next = cursor;
                do {
                    JsonNode page = api.get("/api/v1/admin/audit" + query(next));
                    page.path("items").forEach(items::add);
                    next = page.path("nextCursor").isTextual()
                            ? page.path("nextCursor").asText()
                            : null;
                } while (all && next != null);
                PrintWriter out = spec.commandLine().getOut();
                if (json) {
                    var answer = api.json().createObjectNode();
                    answer.set("items", items);
                    answer.put("nextCursor", next);
                    out.println(api.pretty(answer));
                    return;
                }
                out.print(entries(items, true));
                out.println(items.size() + " entries." + (next == null ? "" : " More: --cursor " + next));
            });
        }

        private String query(String pageCursor) {
            Map<String, Object> parameters = new LinkedHashMap<>();
            parameters.put("aggregateType", aggregateType);
            parameters.put("aggregateId", aggregateId);
            parameters.put("userId", userId);
            parameters.put("eventType", eventType);
            parameters.put("from", from);
            parameters.put("to", to);
            parameters.put("order", order);
            parameters.put("limit", limit);
            parameters.put("cursor", pageCursor);
            StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
            parameters.forEach((name, value) -> {
                if (value != null) {
                    query.add(name + "=" + URLEncoder.encode(value.toString(), StandardCharsets.UTF_8));
                }
            });
            return query.toString();
        }
    }

    @Command(
            name = "history",
            mixinStandardHelpOptions = true,
            description = "Every event of one aggregate, in order, from the event store.")
    static final class History implements Callable<Integer> {

        @ParentCommand
        private AuditCommand audit;

        @Spec
        private CommandSpec spec;

        @Parameters(index = "0", paramLabel = "TYPE", description = "Listing, Cart, Order or ChatThread.")
        private String type;

        @Parameters(index = "1", paramLabel = "ID", description = "The aggregate's id.")
        private String id;

        @Option(names = "--json", description = "Print the API's answer as JSON, payloads included.")
        private boolean json;

        @Override
        public Integer call() {
            return audit.admin.call(spec, api -> {
                JsonNode history = api.get("/api/v1/admin/aggregates/" + BazaarApi.segment(type) + "/"
                        + BazaarApi.segment(id) + "/history");
                PrintWriter out = spec.commandLine().getOut();
                if (json) {
                    out.println(api.pretty(history));
                    return;
                }
                out.print(entries(history.path("events"), false));
                out.println(history.path("events").size() + " events of " + type + " " + id + ".");
            });
        }
    }

    @Command(
            name = "state",
            mixinStandardHelpOptions = true,
            description = "One aggregate's state as it was at a moment, rebuilt from its events up to then (JSON).")
    static final class State implements Callable<Integer> {

        @ParentCommand
        private AuditCommand audit;

        @Spec
        private CommandSpec spec;

        @Parameters(index = "0", paramLabel = "TYPE", description = "Listing, Cart, Order or ChatThread.")
        private String type;

        @Parameters(index = "1", paramLabel = "ID", description = "The aggregate's id.")
        private String id;

        @Option(
                names = "--at",
                paramLabel = "INSTANT",
                required = true,
                description = "The moment, an ISO-8601 instant, e.g. 2026-01-31T09:30:00Z.")
        private String at;

        @Override
        public Integer call() {
            return audit.admin.call(spec, api -> {
                JsonNode state = api.get("/api/v1/admin/aggregates/" + BazaarApi.segment(type) + "/"
                        + BazaarApi.segment(id) + "/state?at=" + URLEncoder.encode(at, StandardCharsets.UTF_8));
                spec.commandLine().getOut().println(api.pretty(state));
            });
        }
    }

    /** One line per entry; payloads only with --json, they do not fit a line. */
    private static String entries(JsonNode items, boolean withAggregate) {
        List<String[]> rows = new ArrayList<>();
        rows.add(
                withAggregate
                        ? new String[] {"TIME", "TYPE", "ID", "SEQ", "EVENT", "USER", "EVENT_ID"}
                        : new String[] {"TIME", "SEQ", "EVENT", "USER", "EVENT_ID"});
        for (JsonNode item : items) {
            String sequence =
                    item.path("sequence").isNumber() ? item.path("sequence").asText() : "-";
            String user = item.path("userId").asText("-");
            rows.add(
                    withAggregate
                            ? new String[] {
                                item.path("timestamp").asText(),
                                item.path("aggregateType").asText("-"),
                                item.path("aggregateId").asText("-"),
                                sequence,
                                item.path("eventType").asText(),
                                user,
                                item.path("eventId").asText()
                            }
                            : new String[] {
                                item.path("timestamp").asText(),
                                sequence,
                                item.path("eventType").asText(),
                                user,
                                item.path("eventId").asText()
                            });
        }
        return Tables.format(rows);
    }
}
