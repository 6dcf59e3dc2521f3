package com.bazaar.operations;

import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * Entry point of the staff tools that work on the event store rather than on one feature: the audit trail
 * ({@code audit/}), event processor status and live rebuilds ({@code processors/}) and dead letters
 * ({@code deadletters/}). Runs on every node; docs/OPERATIONS.md is the runbook.
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan
public class OperationsModule {}
