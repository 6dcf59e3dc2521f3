package com.bazaar.query.cart;

import com.bazaar.platform.readmodel.RebuildableReadModel;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The cart read model can be rebuilt live: the collections {@link CartProjection} writes. */
@Configuration(proxyBeanMethods = false)
class CartReadModel {

    @Bean
    static RebuildableReadModel cartRebuildableReadModel() {
        return new RebuildableReadModel(
                CartProjection.PROCESSING_GROUP, List.of(ShopperCart.COLLECTION, CartListing.COLLECTION));
    }
}
