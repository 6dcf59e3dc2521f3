package com.bazaar.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;

/** Per-environment settings and their context overrides (no synthesis; the App only carries the context). */
class SettingsTest {

    @Test
    void contextOverridesOneEnvironmentAndLeavesTheOthersAlone() {
        App app = new App(AppProps.builder()
                .context(Map.<String, Object>of(
                        "bazaar:prod:apiDomain", "api.example.com",
                        "bazaar:prod:minTasks", "3",
                        "bazaar:prod:eventStore", "POSTGRES",
                        "bazaar:prod:corsOrigins", "https://a.example, https://b.example"))
                .build());

        Settings prod = Settings.of("prod", app.getNode());
        assertThat(prod.apiDomain()).isEqualTo("api.example.com");
        assertThat(prod.minTasks()).isEqualTo(3);
        assertThat(prod.postgres()).isTrue();
        assertThat(prod.corsOrigins()).containsExactly("https://a.example", "https://b.example");

        Settings stage = Settings.of("stage", app.getNode());
        assertThat(stage.apiDomain()).isEqualTo("api.stage.bazaar.example");
        assertThat(stage.postgres()).isFalse();
    }

    @Test
    void stageAndProdProtectTheirDataAndProdAlarmsSoonest() {
        App app = new App();
        List<Settings> all = Settings.ENVIRONMENTS.stream()
                .map(name -> Settings.of(name, app.getNode()))
                .toList();
        assertThat(all).extracting(Settings::protectData).containsExactly(false, true, true);
        assertThat(all.get(2).max5xxPercent()).isLessThan(all.get(0).max5xxPercent());
        assertThat(all).allSatisfy(s -> assertThat(s.minTasks()).isLessThanOrEqualTo(s.maxTasks()));
    }

    @Test
    void anUnknownEnvironmentOrEventStoreIsRefused() {
        App app = new App(AppProps.builder()
                .context(Map.<String, Object>of("bazaar:dev:eventStore", "dynamo"))
                .build());
        assertThatThrownBy(() -> Settings.of("qa", app.getNode())).hasMessageContaining("unknown environment qa");
        assertThatThrownBy(() -> Settings.of("dev", app.getNode())).hasMessageContaining("mongo or postgres");
    }
}
