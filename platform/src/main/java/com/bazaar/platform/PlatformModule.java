package com.bazaar.platform;

import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * Entry point of the platform module: the edge concerns every role needs (request ids and logging context,
 * problem+json errors, the reactive bridge to Axon's gateways).
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan
public class PlatformModule {
}
