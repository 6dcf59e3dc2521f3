package com.bazaar.app.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.bazaar.app.AdminCliRun;
import com.bazaar.app.RunningBazaar;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bazaar-admin's chat commands, run in-process against the real app over HTTP with an admin's token. */
class AdminCliTest {

    @TempDir
    static Path dataDir;

    private static RunningBazaar bazaar;
    private static Chats chats;
    private static RunningBazaar.User admin;

    @BeforeAll
    static void start() {
        bazaar = RunningBazaar.start(
                dataDir, "--bazaar.auth.admin-emails=cli-admin@example.com", "--bazaar.chat.messages-per-minute=1000");
        chats = new Chats(bazaar);
        admin = bazaar.signUp("CLI admin", "cli-admin@example.com");
    }

    @AfterAll
    static void stop() {
        if (bazaar != null) {
            bazaar.close();
        }
    }

    private static AdminCliRun cli(String token, String... args) {
        return AdminCliRun.of(bazaar, token, args);
    }

    private static AdminCliRun asAdmin(String... args) {
        return cli(admin.accessToken(), args);
    }

    @Test
    void pendingListsTheHeldMessageAndRelayDeliversTheRedactedText() throws Exception {
        RunningBazaar.User seller = bazaar.signUp("CLI seller");
        RunningBazaar.User buyer = bazaar.signUp("CLI buyer");
        String threadId = chats.open(buyer, bazaar.publishedListing(seller, "CLI lamp", 2500));
        String text = "Still there? Mail jo.doe@example.com";
        String messageId = chats.send(buyer, threadId, text).get("id").asText();

        AdminCliRun table = await().atMost(Duration.ofSeconds(10))
                .until(() -> asAdmin("chat", "pending"), run -> run.out().contains(messageId));
        assertThat(table.exitCode()).isZero();
        String row = table.out()
                .lines()
                .filter(l -> l.startsWith(messageId))
                .findFirst()
                .orElseThrow();
        assertThat(row).contains(threadId, "listing", "buyer", text, "Still there? Mail [removed]");
        assertThat(table.out().lines().findFirst().orElseThrow())
                .contains("MESSAGE", "THREAD", "SUBJECT", "FROM", "TEXT", "REDACTED");

        AdminCliRun json = asAdmin("chat", "pending", "--json", "--limit", "1000");
        assertThat(json.exitCode()).isZero();
        JsonNode item = StreamSupport.stream(
                        new ObjectMapper().readTree(json.out()).get("items").spliterator(), false)
                .filter(i -> i.at("/message/id").asText().equals(messageId))
                .findFirst()
                .orElseThrow();
        assertThat(item.get("threadId").asText()).isEqualTo(threadId);
        assertThat(item.at("/message/text").asText()).isEqualTo(text);

        AdminCliRun relay = asAdmin("chat", "relay", messageId);
        assertThat(relay.exitCode()).as(relay.err()).isZero();
        assertThat(relay.out()).contains("Relayed " + messageId);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(chats.history(seller, threadId))
                        .singleElement()
                        .satisfies(entry -> {
                            assertThat(entry.get("id").asText()).isEqualTo(messageId);
                            assertThat(entry.get("text").asText()).isEqualTo("Still there? Mail [removed]");
                        }));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !asAdmin("chat", "pending").out().contains(messageId));

        // A second relay is the API's 409 problem, printed as one line with its code and a non-zero exit.
        AdminCliRun again = asAdmin("chat", "relay", messageId);
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err().strip())
                .startsWith("error: 409")
                .contains("chat-message-not-pending")
                .doesNotContain("\n");
        assertThat(again.out()).isEmpty();
    }

    @Test
    void anEditedRelayAndARejectionWithItsReason() {
        RunningBazaar.User seller = bazaar.signUp("CLI edit seller");
        RunningBazaar.User buyer = bazaar.signUp("CLI edit buyer");
        String threadId = chats.open(buyer, bazaar.publishedListing(seller, "CLI chair", 4000));
        String edited = chats.send(buyer, threadId, "30 instead of 40? text me on 0044 7700 900123")
                .get("id")
                .asText();
        String rejected =
                chats.send(buyer, threadId, "Pay me outside the app").get("id").asText();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> asAdmin("chat", "pending").out().contains(rejected));

        AdminCliRun relay = asAdmin("chat", "relay", edited, "--text", "30 instead of 40?");
        assertThat(relay.exitCode()).as(relay.err()).isZero();
        AdminCliRun reject =
                asAdmin("chat", "reject", rejected, "--reason", "Payments outside Bazaar are not allowed.");
        assertThat(reject.exitCode()).as(reject.err()).isZero();
        assertThat(reject.out()).contains("Rejected " + rejected);

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(chats.history(seller, threadId))
                        .extracting(entry -> entry.get("text").asText())
                        .containsExactly("30 instead of 40?"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode refused = chats.history(buyer, threadId).stream()
                    .filter(entry -> entry.get("id").asText().equals(rejected))
                    .findFirst()
                    .orElseThrow();
            assertThat(refused.get("status").asText()).isEqualTo("rejected");
            assertThat(refused.get("reason").asText()).isEqualTo("Payments outside Bazaar are not allowed.");
        });
        // --reason is required: a usage error before anything is sent.
        AdminCliRun noReason = asAdmin("chat", "reject", rejected);
        assertThat(noReason.exitCode()).isEqualTo(2);
        assertThat(noReason.err()).contains("--reason");
    }

    @Test
    void replyWritesToTheNamedSideOnlyAndBadInputShowsTheFieldErrors() {
        RunningBazaar.User seller = bazaar.signUp("CLI note seller");
        RunningBazaar.User buyer = bazaar.signUp("CLI note buyer");
        String threadId = chats.open(buyer, bazaar.publishedListing(seller, "CLI table", 9000));
        chats.awaitReadable(buyer, threadId);

        AdminCliRun reply =
                asAdmin("chat", "reply", threadId, "--to", "seller", "--text", "Please add the dimensions.");
        assertThat(reply.exitCode()).as(reply.err()).isZero();
        assertThat(reply.out()).contains("to the seller");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(chats.history(seller, threadId))
                        .singleElement()
                        .satisfies(entry -> {
                            assertThat(entry.get("from").asText()).isEqualTo("admin");
                            assertThat(entry.get("text").asText()).isEqualTo("Please add the dimensions.");
                        }));
        assertThat(chats.history(buyer, threadId)).isEmpty();

        AdminCliRun blank = asAdmin("chat", "reply", threadId, "--to", "buyer", "--text", "   ");
        assertThat(blank.exitCode()).isEqualTo(1);
        assertThat(blank.err().strip())
                .startsWith("error: 400")
                .contains("[text ")
                .doesNotContain("\n");

        AdminCliRun wrongSide = asAdmin("chat", "reply", threadId, "--to", "everyone", "--text", "Hi");
        assertThat(wrongSide.exitCode()).isEqualTo(2);
        assertThat(wrongSide.err()).contains("buyer, seller");
    }

    @Test
    void aShoppersTokenOrNoTokenIsRefusedWithAClearMessage() {
        RunningBazaar.User shopper = bazaar.signUp("CLI shopper");

        AdminCliRun forbidden = cli(shopper.accessToken(), "chat", "pending");
        assertThat(forbidden.exitCode()).isEqualTo(1);
        assertThat(forbidden.err().strip()).isEqualTo("error: 403 Forbidden: the token's account is not an admin");
        assertThat(forbidden.out()).isEmpty();

        AdminCliRun invalid = cli("not-a-token", "chat", "pending");
        assertThat(invalid.exitCode()).isEqualTo(1);
        assertThat(invalid.err()).startsWith("error: 401").contains("token is missing, invalid or expired");

        AdminCliRun none = cli(null, "chat", "pending");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("no admin token");
    }

    @Test
    void everyCommandHasHelp() {
        for (List<String> command : List.of(
                List.<String>of(),
                List.of("chat"),
                List.of("chat", "pending"),
                List.of("chat", "relay"),
                List.of("chat", "reject"),
                List.of("chat", "reply"))) {
            List<String> args = new ArrayList<>(command);
            args.add("--help");
            AdminCliRun help = cli(null, args.toArray(String[]::new));
            assertThat(help.exitCode()).as(String.join(" ", args)).isZero();
            assertThat(help.out())
                    .as(String.join(" ", args))
                    .startsWith("Usage: bazaar-admin" + (command.isEmpty() ? "" : " " + String.join(" ", command)));
        }
    }
}
