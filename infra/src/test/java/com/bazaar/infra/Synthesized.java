package com.bazaar.infra;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.assertions.Template;

/**
 * The app synthesised once per test JVM (jsii's start-up and a synthesis cost 20-60 s; each template query after
 * that is fast). The default app, exactly as {@code cdk deploy} would build it, goes to infra/cdk.out; a second app
 * with stage switched to the PostgreSQL event store and a browser origin goes to target/. Both synthesise with cdk-nag, so reaching any
 * test at all means AwsSolutions passed.
 */
final class Synthesized {

    /** The second app's stage also allows presigned uploads from this browser origin. */
    static final String CORS_ORIGIN = "https://web.bazaar.example";

    final Path outdir;
    final BazaarInfraApp.Stacks stacks;
    final Map<String, Template> environments = new LinkedHashMap<>();
    final Template delivery;
    final Template postgres;

    private Synthesized() {
        outdir = Path.of(System.getProperty("bazaar.infra.outdir", "cdk.out"));
        App app = new App(AppProps.builder().outdir(outdir.toString()).build());
        stacks = BazaarInfraApp.define(app, Settings.ENVIRONMENTS);
        app.synth();
        for (BazaarStack stack : stacks.environments()) {
            environments.put(stack.settings.name(), Template.fromStack(stack));
        }
        delivery = Template.fromStack(stacks.delivery());

        App withPostgres = new App(AppProps.builder()
                .outdir("target/cdk.out-postgres")
                .context(Map.<String, Object>of(
                        "bazaar:stage:eventStore", "postgres", "bazaar:stage:corsOrigins", CORS_ORIGIN))
                .build());
        BazaarInfraApp.Stacks postgresStacks = BazaarInfraApp.define(withPostgres, List.of("stage"));
        withPostgres.synth();
        postgres = Template.fromStack(postgresStacks.environment("stage"));
    }

    static Synthesized app() {
        return Holder.INSTANCE;
    }

    private static final class Holder {
        private static final Synthesized INSTANCE = new Synthesized();
    }
}
