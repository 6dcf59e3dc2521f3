package com.bazaar.app.roles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bazaar.app.RunningBazaar;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * With local command and query buses a node must hold every handler of what it sends: the saga needs the command and
 * query sides beside it; any other combination works alone (README, "Several nodes").
 */
class RoleCombinationsTest {

    @TempDir
    Path dataDir;

    @ParameterizedTest(name = "command={0} query={1} saga={2} -> valid={3}")
    @CsvSource({
        "true, true, true, true",
        "true, true, false, true",
        "true, false, false, true",
        "false, true, false, true",
        "false, false, false, true",
        "true, false, true, false",
        "false, true, true, false",
        "false, false, true, false"
    })
    void onlyTheSagaNeedsAnotherRoleBesideIt(boolean command, boolean query, boolean saga, boolean valid) {
        assertThat(RoleCombinations.problems(command, query, saga).isEmpty()).isEqualTo(valid);
    }

    @Test
    void aSagaNodeWithoutTheCommandSideRefusesToStartAndSaysWhatToChange() {
        assertThatThrownBy(() -> RunningBazaar.start(dataDir, "--bazaar.roles.command=false"))
                .hasStackTraceContaining("bazaar.roles.saga=true needs the command side")
                .hasStackTraceContaining("Set BAZAAR_ROLE_COMMAND=true and BAZAAR_ROLE_QUERY=true on this node,"
                        + " or BAZAAR_ROLE_SAGA=false");
    }

    @Test
    void aQueryOnlyNodeStartsAndServesReadsButNoWrites() {
        try (RunningBazaar queryNode =
                RunningBazaar.start(dataDir, "--bazaar.roles.command=false", "--bazaar.roles.saga=false")) {
            queryNode.http().get().uri("/api/v1/feed").exchange().expectStatus().isOk();
            RunningBazaar.User reader = queryNode.signUp("Query Node Reader");
            queryNode
                    .as(reader)
                    .post()
                    .uri("/api/v1/listings")
                    .bodyValue(Map.of("title", "Not here"))
                    .exchange()
                    .expectStatus()
                    .isNotFound();
        }
    }
}
