package com.bazaar.app.operations;

import com.bazaar.admin.BazaarAdmin;
import com.bazaar.app.RunningBazaar;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/** bazaar-admin run in-process against a running node over HTTP, with a user's token. */
final class Cli {

    record Run(int exitCode, String out, String err) {
    }

    private Cli() {
    }

    static Run run(RunningBazaar bazaar, RunningBazaar.User user, String... args) {
        List<String> line = new ArrayList<>(List.of("--url", bazaar.baseUrl(), "--token", user.accessToken()));
        line.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = new CommandLine(new BazaarAdmin()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(line.toArray(String[]::new));
        return new Run(exitCode, out.toString(), err.toString());
    }
}
