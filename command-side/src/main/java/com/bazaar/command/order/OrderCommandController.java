package com.bazaar.command.order;

import com.bazaar.contracts.common.DomainException;
import com.bazaar.contracts.common.ErrorCode;
import com.bazaar.contracts.order.CancelOrder;
import com.bazaar.contracts.order.MarkOrderDelivered;
import com.bazaar.contracts.order.RequestRefund;
import com.bazaar.contracts.order.ShipOrder;
import com.bazaar.platform.messaging.AxonGateways;
import com.bazaar.platform.messaging.RequestMetadata;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * What buyers, sellers and admins do to an order: the buyer cancels before paying, the seller ships and delivers, the
 * seller (before shipping) or an admin asks for a refund.
 */
@RestController
@RequestMapping("/api/v1/orders/{orderId}")
class OrderCommandController {

    record Shipment(
            @NotBlank @Size(max = 60) String carrier,
            @NotBlank @Size(max = 100) String trackingNumber) {}

    private final AxonGateways gateways;

    OrderCommandController(AxonGateways gateways) {
        this.gateways = gateways;
    }

    @PostMapping("/cancel")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> cancel(@PathVariable String orderId) {
        return send(orderId, new CancelOrder(orderId));
    }

    @PostMapping("/ship")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> ship(@PathVariable String orderId, @Valid @RequestBody Shipment shipment) {
        return send(
                orderId,
                new ShipOrder(
                        orderId,
                        shipment.carrier().strip(),
                        shipment.trackingNumber().strip()));
    }

    @PostMapping("/deliver")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> deliver(@PathVariable String orderId) {
        return send(orderId, new MarkOrderDelivered(orderId));
    }

    /** Accepted means requested: the order becomes REFUNDED when Stripe confirms the refund (docs/PAYMENTS.md). */
    @PostMapping("/refund")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<Void> refund(@PathVariable String orderId) {
        return RequestMetadata.current()
                .flatMap(caller ->
                        send(orderId, new RequestRefund(orderId, caller.roles().contains("ADMIN"))));
    }

    /** An unknown id answers like someone else's order (the aggregate's check), so ids cannot be probed. */
    private Mono<Void> send(String orderId, Object command) {
        return gateways.send(command)
                .onErrorMap(
                        AggregateNotFoundException.class,
                        unknown ->
                                new DomainException(ErrorCode.ORDER_NOT_FOUND, "Order " + orderId + " does not exist."))
                .then();
    }
}
