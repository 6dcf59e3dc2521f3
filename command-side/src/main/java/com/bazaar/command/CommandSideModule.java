package com.bazaar.command;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * Entry point of the write side: aggregates, their command handlers and the command endpoints. Switched off on a node
 * with {@code bazaar.roles.command=false} (see README, "Roles").
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "bazaar.roles", name = "command", havingValue = "true", matchIfMissing = true)
@ComponentScan
public class CommandSideModule {}
