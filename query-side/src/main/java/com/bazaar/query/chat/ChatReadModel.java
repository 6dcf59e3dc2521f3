package com.bazaar.query.chat;

import com.bazaar.platform.readmodel.RebuildableReadModel;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The chat read model can be rebuilt live: the collections {@link ChatProjection} writes. The per-node
 * {@link ChatLiveFeed} and the HTTP read markers write the active generation; a rebuild re-derives both from the
 * events (read markers are {@code ChatThreadRead} events).
 */
@Configuration(proxyBeanMethods = false)
class ChatReadModel {

    @Bean
    static RebuildableReadModel chatRebuildableReadModel() {
        return new RebuildableReadModel(
                ChatProjection.PROCESSING_GROUP, List.of(ChatViews.THREADS, ChatViews.ENTRIES, ChatReads.READS));
    }
}
