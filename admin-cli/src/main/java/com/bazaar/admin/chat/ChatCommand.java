package com.bazaar.admin.chat;

import com.bazaar.admin.BazaarAdmin;
import com.bazaar.admin.BazaarApi;
import com.bazaar.admin.Tables;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code bazaar-admin chat ...}: the messages the relay policy holds back (docs/CHAT.md, "Relay policy"). */
@Command(
        name = "chat",
        mixinStandardHelpOptions = true,
        description = "Chat messages waiting for an admin: list, relay, reject, and write to one side of a thread.",
        subcommands = {
            ChatCommand.Pending.class,
            ChatCommand.Relay.class,
            ChatCommand.Reject.class,
            ChatCommand.Reply.class
        })
public final class ChatCommand implements Runnable {

    @ParentCommand
    private BazaarAdmin admin;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(
                spec.commandLine(), "Name a chat command: pending, relay, reject or reply");
    }

    @Command(
            name = "pending",
            mixinStandardHelpOptions = true,
            description = "Lists the messages waiting for an admin, oldest first.")
    static final class Pending implements Callable<Integer> {

        /** Long texts are cut in the table so that a row stays one line; --json has them whole. */
        private static final int TEXT_WIDTH = 48;

        @ParentCommand
        private ChatCommand chat;

        @Spec
        private CommandSpec spec;

        @Option(
                names = "--limit",
                paramLabel = "N",
                description = "At most N messages (1-1000; the API's default: 1000).")
        private Integer limit;

        @Option(names = "--json", description = "Print the API's answer as JSON, texts uncut.")
        private boolean json;

        @Override
        public Integer call() {
            return chat.admin.call(spec, api -> {
                JsonNode answer = api.get("/api/v1/admin/chat/pending" + (limit == null ? "" : "?limit=" + limit));
                var out = spec.commandLine().getOut();
                if (json) {
                    out.println(api.pretty(answer));
                    return;
                }
                JsonNode items = answer.path("items");
                if (items.isEmpty()) {
                    out.println("No messages are waiting for an admin.");
                    return;
                }
                List<String[]> rows = new ArrayList<>();
                rows.add(new String[] {"MESSAGE", "THREAD", "SUBJECT", "FROM", "TEXT", "REDACTED"});
                for (JsonNode item : items) {
                    JsonNode message = item.path("message");
                    String text = message.path("text").asText("");
                    rows.add(new String[] {
                        message.path("id").asText(),
                        item.path("threadId").asText(),
                        item.path("subject").path("type").asText() + " "
                                + item.path("subject").path("id").asText(),
                        message.path("from").asText(),
                        cut(text),
                        // The API leaves redactedText out when the guard found nothing to remove.
                        cut(message.path("redactedText").asText(text))
                    });
                }
                out.print(Tables.format(rows));
                out.println(items.size() + " waiting, oldest first. Texts are cut at " + TEXT_WIDTH
                        + " characters; --json shows them whole.");
            });
        }

        private static String cut(String text) {
            String line = text.replaceAll("\\s+", " ").strip();
            return line.length() <= TEXT_WIDTH ? line : line.substring(0, TEXT_WIDTH - 1) + "…";
        }
    }

    @Command(
            name = "relay",
            mixinStandardHelpOptions = true,
            description = "Delivers a waiting message to the other side: the guard's redacted text, or --text instead.")
    static final class Relay implements Callable<Integer> {

        @ParentCommand
        private ChatCommand chat;

        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "MESSAGE_ID", description = "The message's id (chat pending).")
        private String messageId;

        @Option(names = "--text", paramLabel = "TEXT", description = "Deliver this edited text (1-2,000 characters).")
        private String text;

        @Override
        public Integer call() {
            return chat.admin.call(spec, api -> {
                api.post(
                        "/api/v1/admin/chat/messages/" + BazaarApi.segment(messageId) + "/relay",
                        text == null ? null : Map.of("text", text));
                spec.commandLine().getOut().println("Relayed " + messageId + (text == null ? "." : " as edited."));
            });
        }
    }

    @Command(
            name = "reject",
            mixinStandardHelpOptions = true,
            description = "Refuses a waiting message; the sender sees it was not delivered and the reason.")
    static final class Reject implements Callable<Integer> {

        @ParentCommand
        private ChatCommand chat;

        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "MESSAGE_ID", description = "The message's id (chat pending).")
        private String messageId;

        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Shown to the sender.")
        private String reason;

        @Override
        public Integer call() {
            return chat.admin.call(spec, api -> {
                api.post(
                        "/api/v1/admin/chat/messages/" + BazaarApi.segment(messageId) + "/reject",
                        Map.of("reason", reason));
                spec.commandLine().getOut().println("Rejected " + messageId + ".");
            });
        }
    }

    /** The wire names of the sides, so the option takes exactly what the API takes. */
    enum Side {
        buyer,
        seller
    }

    @Command(
            name = "reply",
            mixinStandardHelpOptions = true,
            description = "Writes to one side of a thread as the marketplace; the other side does not see it.")
    static final class Reply implements Callable<Integer> {

        @ParentCommand
        private ChatCommand chat;

        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "THREAD_ID", description = "The thread's id (chat pending).")
        private String threadId;

        @Option(names = "--to", required = true, paramLabel = "SIDE", description = "buyer or seller.")
        private Side to;

        @Option(names = "--text", required = true, paramLabel = "TEXT", description = "1-2,000 characters.")
        private String text;

        @Override
        public Integer call() {
            return chat.admin.call(spec, api -> {
                JsonNode created = api.post(
                        "/api/v1/admin/chat/threads/" + BazaarApi.segment(threadId) + "/messages",
                        Map.of("to", to.name(), "text", text));
                spec.commandLine().getOut().println("Sent " + created.path("id").asText() + " to the " + to + ".");
            });
        }
    }
}
