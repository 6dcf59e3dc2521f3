package com.bazaar.query.seller;

import com.bazaar.platform.readmodel.RebuildableReadModel;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The seller read model can be rebuilt live: the collections {@link SellerProjection} writes. */
@Configuration(proxyBeanMethods = false)
class SellerReadModel {

    @Bean
    static RebuildableReadModel sellerRebuildableReadModel() {
        return new RebuildableReadModel(
                SellerProjection.PROCESSING_GROUP, List.of(Seller.COLLECTION, SellerListing.COLLECTION));
    }
}
