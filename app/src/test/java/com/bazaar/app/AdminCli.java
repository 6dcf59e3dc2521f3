package com.bazaar.app;

import com.bazaar.admin.BazaarAdmin;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/** bazaar-admin run in-process against a running app, as an operator would with {@code --url} and {@code --token}. */
public final class AdminCli {

    private AdminCli() {
    }

    public record Run(int exitCode, String out, String err) {
    }

    /** Runs the command line with {@code token} (none when null); captures its output, exit code and errors. */
    public static Run run(RunningBazaar bazaar, String token, String... args) {
        List<String> line = new ArrayList<>(List.of("--url", bazaar.baseUrl()));
        if (token != null) {
            line.addAll(List.of("--token", token));
        }
        line.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = new CommandLine(new BazaarAdmin()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(line.toArray(String[]::new));
        return new Run(exitCode, out.toString(), err.toString());
    }
}
