package com.bazaar.app;

import com.bazaar.admin.BazaarAdmin;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** One bazaar-admin command run in-process against a running application, with what it printed and its exit code. */
public record AdminCliRun(int exitCode, String out, String err) {

    /** Runs {@code args} with {@code --url} of {@code bazaar} and {@code --token token} (none when null). */
    public static AdminCliRun of(RunningBazaar bazaar, String token, String... args) {
        List<String> line = new ArrayList<>(List.of("--url", bazaar.baseUrl()));
        if (token != null) {
            line.addAll(List.of("--token", token));
        }
        line.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = new CommandLine(new BazaarAdmin())
                .setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err))
                .execute(line.toArray(String[]::new));
        return new AdminCliRun(exitCode, out.toString(), err.toString());
    }
}
