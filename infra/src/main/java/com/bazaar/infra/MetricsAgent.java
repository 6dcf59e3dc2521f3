package com.bazaar.infra;

/**
 * How the app's Prometheus metrics reach CloudWatch: a CloudWatch agent sidecar in every task scrapes
 * {@code localhost:<management port>/actuator/prometheus} once a minute and writes the selected series to a log group
 * in the embedded metric format (EMF), which CloudWatch turns into metrics in the {@value #NAMESPACE} namespace.
 *
 * <p>Chosen over EMF from the app (micrometer-registry-cloudwatch2 or an EMF logger) because it needs no change to
 * the app, keeps one metrics path for every meter the app already exposes, and keeps the management port inside the
 * task. The agent turns Prometheus counters into deltas per scrape, so the {@code Sum} of a counter over a period is
 * the number of occurrences in that period.
 *
 * <p>Axon's processor metrics: the task sets {@code AXON_METRICS_MICROMETER_DIMENSIONAL=true} so that every event
 * processor reports under one name with a {@code processorName} tag ({@code eventProcessor_latency},
 * {@code eventProcessor_failureCounter_total}) instead of one name per processor; that lets one alarm watch all of
 * them, including processors added later.
 */
final class MetricsAgent {

    static final String NAMESPACE = "Bazaar";
    /** The agent image, pinned; bump deliberately. */
    static final String IMAGE = "public.ecr.aws/cloudwatch-agent/cloudwatch-agent:1.300062.0b1304";

    /** Prometheus series → CloudWatch metric names (the agent keeps the Prometheus name). */
    static final String PAYMENT_FAILURES = "bazaar_payments_failures_total";

    static final String WEBHOOK_REJECTIONS = "bazaar_webhooks_rejected_total";
    static final String LATE_COMMITS = "bazaar_eventstore_commit_lag_exceeded_total";
    static final String PROCESSOR_FAILURES = "eventProcessor_failureCounter_total";
    /** The app's own processor gauges (docs/OPERATIONS.md), tagged {@code processor}. */
    static final String PROCESSOR_LAG = "bazaar_processor_lag_seconds";

    static final String DEAD_LETTERS = "bazaar_processor_dead_letters";

    private MetricsAgent() {}

    static String prometheusConfig(Settings settings, int managementPort) {
        return """
                global:
                  scrape_interval: 1m
                  scrape_timeout: 10s
                scrape_configs:
                  - job_name: bazaar
                    metrics_path: /actuator/prometheus
                    static_configs:
                      - targets: ['localhost:%d']
                        labels:
                          Environment: %s
                """.formatted(managementPort, settings.name());
    }

    static String agentConfig(Settings settings, String logGroupName) {
        return """
                {
                  "agent": {"region": "%s"},
                  "logs": {
                    "metrics_collected": {
                      "prometheus": {
                        "log_group_name": "%s",
                        "prometheus_config_path": "env:PROMETHEUS_CONFIG_CONTENT",
                        "emf_processor": {
                          "metric_namespace": "%s",
                          "metric_declaration": [
                            {
                              "source_labels": ["job"],
                              "label_matcher": "^bazaar$",
                              "dimensions": [["Environment"]],
                              "metric_selectors": ["^%s$", "^%s$", "^%s$"]
                            },
                            {
                              "source_labels": ["job"],
                              "label_matcher": "^bazaar$",
                              "dimensions": [["Environment"], ["Environment", "processorName"]],
                              "metric_selectors": ["^%s$"]
                            },
                            {
                              "source_labels": ["job"],
                              "label_matcher": "^bazaar$",
                              "dimensions": [["Environment"], ["Environment", "processor"]],
                              "metric_selectors": ["^%s$", "^%s$"]
                            }
                          ]
                        }
                      }
                    },
                    "force_flush_interval": 5
                  }
                }
                """.formatted(
                        settings.region(),
                        logGroupName,
                        NAMESPACE,
                        PAYMENT_FAILURES,
                        WEBHOOK_REJECTIONS,
                        LATE_COMMITS,
                        PROCESSOR_FAILURES,
                        PROCESSOR_LAG,
                        DEAD_LETTERS);
    }
}
