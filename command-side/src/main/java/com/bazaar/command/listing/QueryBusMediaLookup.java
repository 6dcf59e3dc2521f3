package com.bazaar.command.listing;

import com.bazaar.contracts.media.FindMedia;
import com.bazaar.contracts.media.MediaSummary;
import java.util.List;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

/** Asks the media module over the query bus, so the listing rules do not depend on how uploads are stored. */
@Component
class QueryBusMediaLookup implements MediaLookup {

    private final QueryGateway queries;

    QueryBusMediaLookup(QueryGateway queries) {
        this.queries = queries;
    }

    @Override
    public List<MediaSummary> find(List<String> mediaIds) {
        if (mediaIds.isEmpty()) {
            return List.of();
        }
        return queries.query(new FindMedia(mediaIds), ResponseTypes.multipleInstancesOf(MediaSummary.class))
                .join();
    }
}
