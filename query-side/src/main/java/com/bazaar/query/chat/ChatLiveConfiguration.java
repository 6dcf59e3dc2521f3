package com.bazaar.query.chat;

import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.context.annotation.Bean;

/**
 * {@code chat-live} is per node: its token lives in this node's memory (so every node gets every event, instead of
 * sharing segments with the others) and starts at the head of the event store (the shared {@code chat} projection
 * covers the past; a node needs only what happens while it holds streams).
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
class ChatLiveConfiguration {

    @Bean
    ConfigurerModule chatLiveProcessor() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTokenStore(ChatLiveFeed.PROCESSING_GROUP, configuration -> new InMemoryTokenStore())
                .registerPooledStreamingEventProcessor(
                        ChatLiveFeed.PROCESSING_GROUP,
                        Configuration::eventStore,
                        (configuration, builder) ->
                                builder.initialSegmentCount(1).initialToken(StreamableMessageSource::createHeadToken)));
    }
}
