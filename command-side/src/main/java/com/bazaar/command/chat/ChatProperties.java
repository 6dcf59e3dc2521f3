package com.bazaar.command.chat;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Chat settings (README, "Configuration"; docs/CHAT.md).
 *
 * @param relay                  {@code all}: every message waits for an admin; {@code flagged}: only messages the
 *                               guard flagged wait
 * @param messagesPerMinute      per account, across all threads and nodes
 * @param orderThreadClosesAfter a thread about an order takes no new messages this long after the order finished
 * @param phoneRegion            the region whose national phone number formats the guard recognises (ISO 3166)
 * @param snapshotEvery          a snapshot of a thread every this many events, so loading it replays at most these
 */
@ConfigurationProperties("bazaar.chat")
record ChatProperties(@DefaultValue("all") Relay relay,
                      @DefaultValue("20") int messagesPerMinute,
                      @DefaultValue("30d") Duration orderThreadClosesAfter,
                      @DefaultValue("US") String phoneRegion,
                      @DefaultValue("200") int snapshotEvery) {

    enum Relay { ALL, FLAGGED }
}
