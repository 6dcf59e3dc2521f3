package com.bazaar.identity;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * Entry point of the identity module: accounts, password and Apple sign-in, access and refresh tokens, the security
 * filter chain that authenticates every request on every node, roles, and the security audit log.
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan
@EnableConfigurationProperties(IdentityProperties.class)
public class IdentityModule {}
