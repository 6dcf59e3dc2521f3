package com.bazaar.admin.rebuild;

import com.bazaar.admin.BazaarAdmin;
import com.bazaar.admin.BazaarApi;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code bazaar-admin rebuild NAME}: rebuilds a processor's read model live (docs/OPERATIONS.md, "Rebuild a read
 * model") and follows it with a progress bar until the new generation is active.
 */
@Command(
        name = "rebuild",
        mixinStandardHelpOptions = true,
        description = {
            "Rebuilds the read model of an event processor beside the live one and swaps it in when it has "
                    + "caught up; writes and queries go on meanwhile.",
            "Shows a progress bar until the rebuild is done (or --no-wait). Processors that act on the world "
                    + "(payments, policies, notifications) are refused."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the rebuild is done (or started, with --no-wait)",
            "1:refused (e.g. one is already running, or the processor must not run again), or it failed",
            "2:wrong usage, or no token",
            "3:the API could not be reached"
        })
public final class RebuildCommand implements Callable<Integer> {

    private static final int BAR_WIDTH = 30;

    @ParentCommand
    private BazaarAdmin admin;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The event processor, e.g. feed.")
    private String name;

    @Option(names = "--no-wait", description = "Start the rebuild and return at once.")
    private boolean noWait;

    @Option(names = "--status", description = "Only show the running or last rebuild; start nothing.")
    private boolean statusOnly;

    @Option(
            names = "--poll",
            paramLabel = "DURATION",
            defaultValue = "PT1S",
            description = "How often to ask for progress, ISO-8601 (default: ${DEFAULT-VALUE}).")
    private Duration poll;

    @Override
    public Integer call() {
        String path = "/api/v1/admin/processors/" + BazaarApi.segment(name) + "/rebuild";
        int[] exit = {0};
        int called = admin.call(spec, api -> {
            PrintWriter out = spec.commandLine().getOut();
            JsonNode state = statusOnly ? api.get(path) : api.post(path, null);
            if (statusOnly || noWait) {
                out.println(line(state));
                return;
            }
            String last = "";
            while (running(state)) {
                String line = line(state);
                if (!line.equals(last)) {
                    out.println(line);
                    out.flush();
                    last = line;
                }
                Thread.sleep(poll.toMillis());
                state = api.get(path);
            }
            out.println(line(state));
            if (!"done".equals(state.path("status").asText())) {
                spec.commandLine()
                        .getErr()
                        .println("error: the rebuild of " + name + " "
                                + state.path("status").asText() + ": "
                                + state.path("message").asText(""));
                exit[0] = BazaarAdmin.REFUSED;
            }
        });
        return called != 0 ? called : exit[0];
    }

    private static boolean running(JsonNode state) {
        String status = state.path("status").asText();
        return status.equals("rebuilding") || status.equals("swapping");
    }

    /** {@code [#########.....] 45% rebuilding feed: 4500 of 10000 events, generation 2}. */
    static String line(JsonNode state) {
        int percent = Math.max(0, Math.min(100, state.path("progress").asInt()));
        int filled = percent * BAR_WIDTH / 100;
        StringBuilder line = new StringBuilder("[")
                .append("#".repeat(filled))
                .append(".".repeat(BAR_WIDTH - filled))
                .append("] ")
                .append(String.format("%3d%% ", percent))
                .append(state.path("status").asText())
                .append(' ')
                .append(state.path("processor").asText());
        if (state.hasNonNull("eventsHandled") && state.hasNonNull("eventsTotal")) {
            line.append(": ")
                    .append(state.get("eventsHandled").asLong())
                    .append(" of ")
                    .append(state.get("eventsTotal").asLong())
                    .append(" events");
        }
        line.append(", generation ").append(state.path("targetGeneration").asInt());
        if ("done".equals(state.path("status").asText())) {
            line.append(" active");
        }
        line.append(" (started ")
                .append(state.path("startedAt").asText())
                .append(" by ")
                .append(state.path("startedBy").asText())
                .append(')');
        return line.toString();
    }
}
