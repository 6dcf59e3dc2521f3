package com.bazaar.testing.sentry;

import com.bazaar.contracts.listing.ListingPublished;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Failures for the error-reporting test only, added to that test's application with {@code spring.main.sources}
 * (outside {@code com.bazaar.app}, so no other test's application scans them). Their messages quote personal data
 * and a credential, which must not reach Sentry.
 */
@Configuration(proxyBeanMethods = false)
@Import({FailOnPurpose.FailingEndpoint.class, FailOnPurpose.FailingProjection.class})
public class FailOnPurpose {

    static final String SECRET_LOOKING_TEXT = "for alice@example.com with Bearer eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl";

    @RestController
    static class FailingEndpoint {

        @GetMapping("/test/boom")
        String boom() {
            throw new IllegalStateException("Request failed on purpose " + SECRET_LOOKING_TEXT);
        }
    }

    @Component
    @ProcessingGroup("fail-on-purpose")
    static class FailingProjection {

        @EventHandler
        void on(ListingPublished event) {
            throw new IllegalStateException("Handler failed on purpose " + SECRET_LOOKING_TEXT);
        }
    }
}
