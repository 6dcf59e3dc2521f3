package com.bazaar.query.listing;

import com.bazaar.platform.readmodel.RebuildableReadModel;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The listing detail read model can be rebuilt live: {@link ListingDetailProjection} writes this one collection. */
@Configuration(proxyBeanMethods = false)
class ListingDetailReadModel {

    @Bean
    static RebuildableReadModel listingDetailRebuildableReadModel() {
        return new RebuildableReadModel(ListingDetailProjection.PROCESSING_GROUP, List.of(ListingDetail.COLLECTION));
    }
}
