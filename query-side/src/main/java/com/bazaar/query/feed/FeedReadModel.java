package com.bazaar.query.feed;

import com.bazaar.platform.readmodel.RebuildableReadModel;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The feed's read model can be rebuilt live: these are the collections {@link FeedProjection} writes. */
@Configuration(proxyBeanMethods = false)
class FeedReadModel {

    @Bean
    static RebuildableReadModel feedRebuildableReadModel() {
        return new RebuildableReadModel(
                FeedProjection.PROCESSING_GROUP, List.of(FeedVersion.COLLECTION, FeedListing.COLLECTION));
    }
}
