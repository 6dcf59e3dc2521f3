package com.bazaar.admin;

import com.bazaar.admin.audit.AuditCommand;
import com.bazaar.admin.chat.ChatCommand;
import com.bazaar.admin.processors.DeadLettersCommand;
import com.bazaar.admin.processors.ProcessorsCommand;
import com.bazaar.admin.rebuild.RebuildCommand;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bazaar-admin}: the operators' command line. Every command is a client of the public HTTP API with an admin's
 * access token, so the tool needs no access to the stores and works against any node. New areas (audit, event
 * processors) join as further subcommands next to {@link ChatCommand}, using {@link #call} for the same token check,
 * error lines and exit codes.
 */
@Command(
        name = "bazaar-admin",
        mixinStandardHelpOptions = true,
        version = "bazaar-admin (Bazaar HTTP API v1)",
        description = "Administers a running Bazaar through its HTTP API with an admin's access token.",
        subcommands = {
            ChatCommand.class,
            AuditCommand.class,
            ProcessorsCommand.class,
            RebuildCommand.class,
            DeadLettersCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done",
            "1:the API refused the request (message on stderr)",
            "2:wrong usage, or no token",
            "3:the API could not be reached"
        })
public final class BazaarAdmin implements Runnable {

    public static final int REFUSED = 1;
    public static final int USAGE = CommandLine.ExitCode.USAGE;
    public static final int UNREACHABLE = 3;

    @Option(
            names = "--url",
            paramLabel = "URL",
            defaultValue = "${env:BAZAAR_URL:-http://localhost:8080}",
            description = "Base URL of the Bazaar HTTP API (default: $BAZAAR_URL or ${DEFAULT-VALUE}).")
    private URI url;

    @Option(
            names = "--token",
            paramLabel = "TOKEN",
            defaultValue = "${env:BAZAAR_ADMIN_TOKEN}",
            description = "An admin's access token (default: $BAZAAR_ADMIN_TOKEN).")
    private String token;

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BazaarAdmin()).execute(args));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Name a command, for example: chat pending");
    }

    /** What a subcommand does with the API; its output goes to the command's own {@code getOut()}. */
    @FunctionalInterface
    public interface ApiCall {
        void run(BazaarApi api) throws Exception;
    }

    /**
     * Runs {@code call} against the API and turns failures into one line on the command's stderr and an exit code,
     * so that scripts can tell a refusal from a network problem.
     */
    public int call(CommandSpec command, ApiCall call) {
        var err = command.commandLine().getErr();
        if (token == null || token.isBlank()) {
            err.println("error: no admin token: pass --token TOKEN or set BAZAAR_ADMIN_TOKEN");
            return USAGE;
        }
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        try {
            call.run(new BazaarApi(http, url, token));
            return CommandLine.ExitCode.OK;
        } catch (BazaarApi.Refused refused) {
            err.println("error: " + refused.getMessage());
            return REFUSED;
        } catch (java.io.IOException unreachable) {
            err.println("error: cannot reach " + url + ": " + unreachable);
            return UNREACHABLE;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            err.println("error: interrupted");
            return UNREACHABLE;
        } catch (Exception unexpected) {
            err.println("error: " + unexpected);
            return REFUSED;
        } finally {
            err.flush();
            command.commandLine().getOut().flush();
        }
    }
}
