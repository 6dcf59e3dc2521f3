package com.bazaar.query;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * Entry point of the read side: projections into Mongo read models, their query handlers and the query endpoints.
 * Switched off on a node with {@code bazaar.roles.query=false} (see README, "Roles").
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "bazaar.roles", name = "query", havingValue = "true", matchIfMissing = true)
@ComponentScan
public class QuerySideModule {}
