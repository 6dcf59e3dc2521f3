package com.bazaar.command.chat;

import com.bazaar.platform.eventsourcing.SnapshotThresholds;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A thread can hold thousands of messages: its aggregate is snapshotted every {@code bazaar.chat.snapshot-every}
 * events so that loading it reads one snapshot and at most that many events (docs/CHAT.md, docs/PERFORMANCE.md).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ChatProperties.class)
class ChatConfiguration {

    @Bean
    SnapshotTriggerDefinition chatThreadSnapshotTrigger(SnapshotThresholds thresholds) {
        return thresholds.every("bazaar.chat.snapshot-every", 200);
    }
}
