package com.bazaar.admin.processors;

import com.bazaar.admin.BazaarAdmin;
import com.bazaar.admin.BazaarApi;
import com.bazaar.admin.Tables;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code bazaar-admin processors ...}: event processor status and lag (docs/OPERATIONS.md, "Event processors"). */
@Command(
        name = "processors",
        mixinStandardHelpOptions = true,
        description = "Event processors: status, how far behind, segments and their nodes, dead letters waiting.",
        subcommands = {ProcessorsCommand.ListProcessors.class, ProcessorsCommand.Show.class})
public final class ProcessorsCommand implements Runnable {

    @ParentCommand
    private BazaarAdmin admin;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Name a processors command: list or show");
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "One line per event processor: status, caught up, lag, segments, dead letters, last error.")
    static final class ListProcessors implements Callable<Integer> {

        @ParentCommand
        private ProcessorsCommand processors;

        @Spec
        private CommandSpec spec;

        @Option(names = "--json", description = "Print the API's answer as JSON.")
        private boolean json;

        @Override
        public Integer call() {
            return processors.admin.call(spec, api -> {
                JsonNode answer = api.get("/api/v1/admin/processors");
                PrintWriter out = spec.commandLine().getOut();
                if (json) {
                    out.println(api.pretty(answer));
                    return;
                }
                List<String[]> rows = new ArrayList<>();
                rows.add(new String[] {
                    "PROCESSOR",
                    "STATUS",
                    "CAUGHT-UP",
                    "LAG-EVENTS",
                    "LAG-SECONDS",
                    "SEGMENTS",
                    "DEAD-LETTERS",
                    "LAST-ERROR"
                });
                for (JsonNode processor : answer.path("items")) {
                    rows.add(new String[] {
                        processor.path("name").asText(),
                        status(processor),
                        yesNo(processor.path("caughtUp")),
                        orDash(processor.path("lagEvents")),
                        orDash(processor.path("lagSeconds")),
                        claimed(processor.path("segments")),
                        orDash(processor.path("deadLetters")),
                        orDash(processor.path("lastError"))
                    });
                }
                out.print(Tables.format(rows));
                out.println("LAG-EVENTS is known on PostgreSQL only; '-' in DEAD-LETTERS: no queue (the processor "
                        + "retries instead).");
            });
        }

        private static String claimed(JsonNode segments) {
            long claimed = 0;
            for (JsonNode segment : segments) {
                claimed += segment.path("owner").isTextual() ? 1 : 0;
            }
            return segments.size() + " (" + claimed + " claimed)";
        }
    }

    @Command(
            name = "show",
            mixinStandardHelpOptions = true,
            description = "One event processor in full, with each segment and the node that claims it.")
    static final class Show implements Callable<Integer> {

        @ParentCommand
        private ProcessorsCommand processors;

        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "The processor's name (processors list).")
        private String name;

        @Option(names = "--json", description = "Print the API's answer as JSON.")
        private boolean json;

        @Override
        public Integer call() {
            return processors.admin.call(spec, api -> {
                JsonNode processor = api.get("/api/v1/admin/processors/" + BazaarApi.segment(name));
                PrintWriter out = spec.commandLine().getOut();
                if (json) {
                    out.println(api.pretty(processor));
                    return;
                }
                out.println("Processor:     " + processor.path("name").asText());
                out.println("Status:        " + status(processor));
                out.println("Caught up:     " + yesNo(processor.path("caughtUp")));
                out.println("Lag (events):  " + orDash(processor.path("lagEvents")));
                out.println("Lag (seconds): " + orDash(processor.path("lagSeconds")));
                out.println("Dead letters:  "
                        + (processor.path("deadLetterQueue").asBoolean()
                                ? processor.path("deadLetters").asText()
                                : "no queue (retries a failing event instead)"));
                out.println("Last error:    " + orDash(processor.path("lastError")));
                List<String[]> rows = new ArrayList<>();
                rows.add(
                        new String[] {"SEGMENT", "OWNER", "THIS-NODE", "CAUGHT-UP", "LAG-EVENTS", "LAG-SECONDS", "ERROR"
                        });
                for (JsonNode segment : processor.path("segments")) {
                    rows.add(new String[] {
                        segment.path("segment").asText(),
                        orDash(segment.path("owner")),
                        yesNo(segment.path("claimedByThisNode")),
                        yesNo(segment.path("caughtUp")),
                        orDash(segment.path("lagEvents")),
                        orDash(segment.path("lagSeconds")),
                        orDash(segment.path("error"))
                    });
                }
                out.print(Tables.format(rows));
            });
        }
    }

    static String status(JsonNode processor) {
        String status = processor.path("status").asText();
        JsonNode progress = processor.path("rebuildProgress");
        return progress.isNumber() ? status + " " + String.format("%.0f%%", progress.asDouble()) : status;
    }

    static String yesNo(JsonNode flag) {
        return flag.asBoolean() ? "yes" : "no";
    }

    static String orDash(JsonNode value) {
        return value.isMissingNode() || value.isNull() ? "-" : value.asText();
    }
}
