package com.bazaar.query.order;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.bazaar.contracts.order.FindOrder;
import com.bazaar.contracts.order.FindOrders;
import com.bazaar.contracts.order.FindReceipt;
import com.bazaar.contracts.order.OrderPage;
import com.bazaar.contracts.order.OrderStatus;
import com.bazaar.contracts.order.OrderView;
import com.bazaar.contracts.order.Receipt;
import com.bazaar.platform.paging.SignedCursors;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

@Component
class OrderQueryHandler {

    /** A receipt exists once money was taken, and stays after shipping, delivery or a refund. */
    private static final Set<OrderStatus> RECEIPTED =
            EnumSet.of(OrderStatus.PAID, OrderStatus.SHIPPED, OrderStatus.DELIVERED, OrderStatus.REFUNDED);

    private final MongoTemplate mongo;
    private final SignedCursors cursors;

    OrderQueryHandler(MongoTemplate mongo, SignedCursors cursors) {
        this.mongo = mongo;
        this.cursors = cursors;
    }

    /** Anyone but the buyer, the seller and staff is told the order does not exist. */
    @QueryHandler
    Optional<OrderView> handle(FindOrder query) {
        return visible(query.orderId(), query.viewerId(), query.staff()).map(TrackedOrder::toView);
    }

    @QueryHandler
    Optional<Receipt> handle(FindReceipt query) {
        return visible(query.orderId(), query.viewerId(), query.staff())
                .filter(order -> RECEIPTED.contains(order.status()))
                .map(TrackedOrder::toReceipt);
    }

    @QueryHandler
    OrderPage handle(FindOrders query) {
        String party = query.party() == FindOrders.Party.BUYER ? "buyerId" : "sellerId";
        Criteria criteria = where(party).is(query.partyId());
        if (query.cursor() != null) {
            OrderCursor after = OrderCursor.decode(query.cursor(), cursors);
            criteria = criteria.orOperator(
                    where("placedAt").lt(after.placedAt()),
                    where("placedAt").is(after.placedAt()).and("_id").lt(after.id()));
        }
        List<TrackedOrder> page = mongo.find(
                Query.query(criteria)
                        .with(Sort.by(Sort.Order.desc("placedAt"), Sort.Order.desc("_id")))
                        .limit(query.limit() + 1),
                TrackedOrder.class);
        boolean more = page.size() > query.limit();
        List<TrackedOrder> items = more ? page.subList(0, query.limit()) : page;
        String next = more
                ? new OrderCursor(
                                items.get(items.size() - 1).placedAt(),
                                items.get(items.size() - 1).id())
                        .encode(cursors)
                : null;
        return new OrderPage(items.stream().map(TrackedOrder::toView).toList(), next);
    }

    private Optional<TrackedOrder> visible(String orderId, String viewerId, boolean staff) {
        return Optional.ofNullable(mongo.findById(orderId, TrackedOrder.class))
                .filter(order -> order.visibleTo(viewerId, staff));
    }
}
