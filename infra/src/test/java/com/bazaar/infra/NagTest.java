package com.bazaar.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.s3.Bucket;

/** cdk-nag's AwsSolutions rules pass, each accepted finding carries a reason, and an unaccepted one fails the build. */
class NagTest {

    @Test
    void awsSolutionsPassedForEveryStackOfTheApp() throws IOException {
        // Synthesized got this far only because app.synth() did not throw; the report agrees. (A plugin with nothing
        // left to report after acknowledgements does not appear in it.)
        String report = Files.readString(Synthesized.app().outdir.resolve("validation-report.json"));
        assertThat(report).doesNotContain("\"conclusion\": \"failure\"").doesNotContain("AwsSolutions-");
    }

    @Test
    void everyAcknowledgementHasAReason() throws IOException {
        Pattern acknowledgement = Pattern.compile("\"(?:Annotation::)?(AwsSolutions-[^\"]+)\": \"([^\"]*)\"");
        for (String stack : List.of("Bazaar-dev", "Bazaar-stage", "Bazaar-prod", "Bazaar-delivery")) {
            String metadata = Files.readString(Synthesized.app().outdir.resolve(stack + ".metadata.json"));
            Matcher found = acknowledgement.matcher(metadata);
            int count = 0;
            while (found.find()) {
                count++;
                assertThat(found.group(2)).as(found.group(1)).hasSizeGreaterThan(60);
            }
            assertThat(count).as(stack).isEqualTo(stack.equals("Bazaar-delivery") ? 1 : 8);
        }
    }

    @Test
    void aFindingNobodyAcknowledgedFailsTheSynthesis() {
        App app = new App(AppProps.builder().outdir("target/cdk.out-nag").build());
        BazaarInfraApp.define(app, List.of());
        Stack careless = new Stack(app, "Careless");
        Bucket.Builder.create(careless, "OpenToPlainHttp").build();

        assertThatThrownBy(app::synth).hasMessageContaining("Validation failed");
    }
}
