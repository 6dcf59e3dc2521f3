package com.bazaar.app;

import com.bazaar.app.eventstore.EventStoreMigrationCommand;
import com.bazaar.command.CommandSideModule;
import com.bazaar.identity.IdentityModule;
import com.bazaar.media.MediaModule;
import com.bazaar.operations.OperationsModule;
import com.bazaar.payments.PaymentsModule;
import com.bazaar.platform.PlatformModule;
import com.bazaar.query.QuerySideModule;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/**
 * The one deployable. Every role runs here by default; each module switches itself off by property
 * ({@code bazaar.roles.command|query|saga=false}) so the same jar scales out by role (README, "Roles").
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import({
    PlatformModule.class,
    IdentityModule.class,
    CommandSideModule.class,
    MediaModule.class,
    QuerySideModule.class,
    PaymentsModule.class,
    OperationsModule.class
})
public class BazaarApplication {

    public static void main(String[] args) {
        // AxonIQ's update checker phones home at start-up; opt out unless the operator decided otherwise.
        if (System.getProperty("axoniq.update-checker.disabled") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
        if (EventStoreMigrationCommand.requested(args)) {
            EventStoreMigrationCommand.run(args);
            return;
        }
        SpringApplication.run(BazaarApplication.class, args);
    }
}
