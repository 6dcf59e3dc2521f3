package com.bazaar.query.order;

import com.bazaar.contracts.common.DomainException;
import com.bazaar.contracts.common.ErrorCode;
import com.bazaar.contracts.order.FindOrder;
import com.bazaar.contracts.order.FindOrders;
import com.bazaar.contracts.order.FindReceipt;
import com.bazaar.contracts.order.OrderPage;
import com.bazaar.contracts.order.OrderView;
import com.bazaar.contracts.order.Receipt;
import com.bazaar.platform.consistency.ReadModel;
import com.bazaar.platform.messaging.AxonGateways;
import com.bazaar.platform.messaging.RequestMetadata;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.Optional;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Order tracking: a buyer's orders, a seller's sales, one order with its timeline, and a paid order's receipt. */
@RestController
@ReadModel(OrderTrackingProjection.PROCESSING_GROUP)
class OrderQueryController {

    private final AxonGateways gateways;

    OrderQueryController(AxonGateways gateways) {
        this.gateways = gateways;
    }

    @GetMapping("/api/v1/orders")
    Mono<OrderPage> myOrders(
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "" + FindOrders.DEFAULT_LIMIT) @Min(1) @Max(FindOrders.MAX_LIMIT) int limit) {
        return page(FindOrders.Party.BUYER, cursor, limit);
    }

    @GetMapping("/api/v1/sales")
    Mono<OrderPage> mySales(
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "" + FindOrders.DEFAULT_LIMIT) @Min(1) @Max(FindOrders.MAX_LIMIT) int limit) {
        return page(FindOrders.Party.SELLER, cursor, limit);
    }

    @GetMapping("/api/v1/orders/{orderId}")
    Mono<OrderView> order(@PathVariable String orderId) {
        return RequestMetadata.current()
                .flatMap(viewer -> gateways.query(
                        new FindOrder(orderId, viewer.userId(), viewer.isStaff()),
                        ResponseTypes.optionalInstanceOf(OrderView.class)))
                .flatMap(found -> orNotFound(found, orderId));
    }

    @GetMapping("/api/v1/orders/{orderId}/receipt")
    Mono<Receipt> receipt(@PathVariable String orderId) {
        return RequestMetadata.current()
                .flatMap(viewer -> gateways.query(
                        new FindReceipt(orderId, viewer.userId(), viewer.isStaff()),
                        ResponseTypes.optionalInstanceOf(Receipt.class)))
                .flatMap(found -> found.map(Mono::just)
                        .orElseGet(() -> Mono.error(new DomainException(
                                ErrorCode.RECEIPT_NOT_FOUND, "Order " + orderId + " has no receipt (yet)."))));
    }

    private Mono<OrderPage> page(FindOrders.Party party, String cursor, int limit) {
        return RequestMetadata.current()
                .flatMap(viewer -> gateways.query(
                        new FindOrders(
                                viewer.userId(), party, cursor == null || cursor.isBlank() ? null : cursor, limit),
                        ResponseTypes.instanceOf(OrderPage.class)));
    }

    private static <T> Mono<T> orNotFound(Optional<T> found, String orderId) {
        return found.map(Mono::just)
                .orElseGet(() -> Mono.error(
                        new DomainException(ErrorCode.ORDER_NOT_FOUND, "Order " + orderId + " does not exist.")));
    }
}
