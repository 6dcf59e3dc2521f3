package com.bazaar.command.chat;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Chat settings (README, "Configuration"; docs/CHAT.md).
 *
 * @param relay                  {@code all}: every message waits for an admin; {@code flagged}: only messages the
 *                               guard flagged wait
 * @param messagesPerMinute      per account, across all threads and nodes
 * @param orderThreadClosesAfter a thread about an order takes no new messages this long after the order finished
 * @param phoneRegion            the region whose national phone number formats the guard recognises (ISO 3166)
 */
@ConfigurationProperties("bazaar.chat")
record ChatProperties(
        @DefaultValue("all") Relay relay,
        @DefaultValue("20") int messagesPerMinute,
        @DefaultValue("30d") Duration orderThreadClosesAfter,
        @DefaultValue("US") String phoneRegion) {

    enum Relay {
        ALL,
        FLAGGED
    }
}
