package com.bazaar.admin.processors;

import static com.bazaar.admin.processors.ProcessorsCommand.orDash;

import com.bazaar.admin.BazaarAdmin;
import com.bazaar.admin.BazaarApi;
import com.bazaar.admin.Tables;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code bazaar-admin dead-letters ...}: events a projection parked (docs/OPERATIONS.md, "Handle a dead letter"). */
@Command(
        name = "dead-letters",
        mixinStandardHelpOptions = true,
        description = "Events a processor parked because its handler kept failing: list, retry, delete.",
        subcommands = {
            DeadLettersCommand.ListLetters.class,
            DeadLettersCommand.Retry.class,
            DeadLettersCommand.Delete.class
        })
public final class DeadLettersCommand implements Runnable {

    @ParentCommand
    private BazaarAdmin admin;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(
                spec.commandLine(), "Name a dead-letters command: list, retry or delete");
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The parked events, oldest first.")
    static final class ListLetters implements Callable<Integer> {

        @ParentCommand
        private DeadLettersCommand deadLetters;

        @Spec
        private CommandSpec spec;

        @Option(names = "--processor", paramLabel = "NAME", description = "Only this processor's (default: all).")
        private String processor;

        @Option(
                names = "--limit",
                paramLabel = "N",
                description = "At most N letters (1-1000; the API's default: 100).")
        private Integer limit;

        @Option(names = "--json", description = "Print the API's answer as JSON, causes uncut.")
        private boolean json;

        @Override
        public Integer call() {
            return deadLetters.admin.call(spec, api -> {
                List<String> query = new ArrayList<>();
                if (processor != null) {
                    query.add("processor=" + BazaarApi.segment(processor));
                }
                if (limit != null) {
                    query.add("limit=" + limit);
                }
                JsonNode answer =
                        api.get("/api/v1/admin/dead-letters" + (query.isEmpty() ? "" : "?" + String.join("&", query)));
                PrintWriter out = spec.commandLine().getOut();
                if (json) {
                    out.println(api.pretty(answer));
                    return;
                }
                if (answer.path("items").isEmpty()) {
                    out.println("No dead letters.");
                    return;
                }
                List<String[]> rows = new ArrayList<>();
                rows.add(new String[] {"ID", "PROCESSOR", "EVENT", "AGGREGATE", "ENQUEUED", "RETRIES", "CAUSE"});
                for (JsonNode letter : answer.path("items")) {
                    rows.add(new String[] {
                        letter.path("id").asText(),
                        letter.path("processor").asText(),
                        letter.path("eventType").asText(),
                        orDash(letter.path("aggregateType")) + " " + orDash(letter.path("aggregateId")),
                        letter.path("enqueuedAt").asText(),
                        letter.path("retries").asText(),
                        orDash(letter.path("causeType")) + ": " + orDash(letter.path("causeMessage"))
                    });
                }
                out.print(Tables.format(rows));
            });
        }
    }

    /** The two parameters that name one dead letter. */
    static final class Letter {

        @Parameters(index = "0", paramLabel = "PROCESSOR", description = "The processor (dead-letters list).")
        private String processor;

        @Parameters(index = "1", paramLabel = "ID", description = "The dead letter's id (its event's id).")
        private String id;

        String path() {
            return "/api/v1/admin/dead-letters/" + BazaarApi.segment(processor) + "/" + BazaarApi.segment(id);
        }
    }

    @Command(
            name = "retry",
            mixinStandardHelpOptions = true,
            description =
                    "Handles the letter's aggregate's parked events again, oldest first; exit 1 if it fails again.")
    static final class Retry implements Callable<Integer> {

        @ParentCommand
        private DeadLettersCommand deadLetters;

        @Spec
        private CommandSpec spec;

        @Mixin
        private Letter letter;

        @Override
        public Integer call() {
            boolean[] failedAgain = {false};
            int exitCode = deadLetters.admin.call(spec, api -> {
                JsonNode outcome = api.post(letter.path() + "/retry", null);
                if (outcome.path("succeeded").asBoolean()) {
                    spec.commandLine().getOut().println("Retried " + letter.id + ": handled, it left the queue.");
                } else {
                    failedAgain[0] = true;
                    JsonNode parked = outcome.path("letter");
                    spec.commandLine()
                            .getErr()
                            .println("error: " + letter.id + " failed again and stays parked: "
                                    + orDash(parked.path("causeType")) + ": " + orDash(parked.path("causeMessage")));
                }
            });
            return exitCode == 0 && failedAgain[0] ? BazaarAdmin.REFUSED : exitCode;
        }
    }

    @Command(
            name = "delete",
            mixinStandardHelpOptions = true,
            description = "Removes the letter: that processor will never handle its event.")
    static final class Delete implements Callable<Integer> {

        @ParentCommand
        private DeadLettersCommand deadLetters;

        @Spec
        private CommandSpec spec;

        @Mixin
        private Letter letter;

        @Override
        public Integer call() {
            return deadLetters.admin.call(spec, api -> {
                api.delete(letter.path());
                spec.commandLine()
                        .getOut()
                        .println("Deleted " + letter.id + " from the dead letters of " + letter.processor + ".");
            });
        }
    }
}
