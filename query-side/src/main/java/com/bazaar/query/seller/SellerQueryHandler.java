package com.bazaar.query.seller;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.bazaar.contracts.seller.FindSellerLabels;
import com.bazaar.contracts.seller.SellerLabel;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

@Component
class SellerQueryHandler {

    private final MongoTemplate mongo;

    SellerQueryHandler(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** One {@code $in} query for all the sellers; counts only when asked (one indexed count per seller). */
    @QueryHandler
    List<SellerLabel> handle(FindSellerLabels request) {
        Map<String, Seller> known = mongo.find(query(where("_id").in(request.sellerIds())), Seller.class).stream()
                .collect(Collectors.toMap(Seller::id, Function.identity()));
        return request.sellerIds().stream()
                .map(id -> {
                    Seller seller = known.get(id);
                    Long count = request.withListingCount()
                            ? mongo.count(
                                    query(where("sellerId")
                                            .is(id)
                                            .and("published")
                                            .is(true)),
                                    SellerListing.class)
                            : null;
                    return seller == null
                            ? new SellerLabel(id, null, count, null)
                            : new SellerLabel(id, seller.displayName(), count, seller.memberSince());
                })
                .toList();
    }
}
