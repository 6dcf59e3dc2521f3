package com.bazaar.platform;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * Entry point of the platform module: the edge concerns every role needs (request ids and logging context,
 * problem+json errors, the reactive bridge to Axon's gateways).
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan
public class PlatformModule {

    /** The one clock business rules read (deadlines, expiry), so tests and handlers can be given another. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
