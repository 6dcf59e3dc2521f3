package com.bazaar.query.order;

import com.bazaar.platform.readmodel.RebuildableReadModel;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The order tracking read model can be rebuilt live: {@link OrderTrackingProjection} writes this one collection. */
@Configuration(proxyBeanMethods = false)
class OrderTrackingReadModel {

    @Bean
    static RebuildableReadModel orderTrackingRebuildableReadModel() {
        return new RebuildableReadModel(OrderTrackingProjection.PROCESSING_GROUP, List.of(TrackedOrder.COLLECTION));
    }
}
