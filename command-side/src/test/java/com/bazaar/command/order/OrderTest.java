package com.bazaar.command.order;

import com.bazaar.contracts.common.DomainException;
import com.bazaar.contracts.common.ErrorCode;
import com.bazaar.contracts.common.MetadataKeys;
import com.bazaar.contracts.common.Money;
import com.bazaar.contracts.order.CancelFailedCheckout;
import com.bazaar.contracts.order.CancelOrder;
import com.bazaar.contracts.order.CancellationReason;
import com.bazaar.contracts.order.ConfirmPayment;
import com.bazaar.contracts.order.ConfirmRefund;
import com.bazaar.contracts.order.ExpireOrder;
import com.bazaar.contracts.order.MarkOrderDelivered;
import com.bazaar.contracts.order.OrderCancelled;
import com.bazaar.contracts.order.OrderCouldNotBeFulfilled;
import com.bazaar.contracts.order.OrderDelivered;
import com.bazaar.contracts.order.OrderLine;
import com.bazaar.contracts.order.OrderPaid;
import com.bazaar.contracts.order.OrderParty;
import com.bazaar.contracts.order.OrderPaymentFailed;
import com.bazaar.contracts.order.OrderPlaced;
import com.bazaar.contracts.order.OrderRefundRequested;
import com.bazaar.contracts.order.OrderRefunded;
import com.bazaar.contracts.order.OrderShipped;
import com.bazaar.contracts.order.OrderTotals;
import com.bazaar.contracts.order.PaymentIntentCreated;
import com.bazaar.contracts.order.PlaceOrder;
import com.bazaar.contracts.order.RecordPaymentFailure;
import com.bazaar.contracts.order.RecordPaymentIntent;
import com.bazaar.contracts.order.RefundUnfulfillableOrder;
import com.bazaar.contracts.order.RequestRefund;
import com.bazaar.contracts.order.ShipOrder;
import com.bazaar.contracts.order.ShippingAddress;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.threeten.extra.MutableClock;

/** Every order transition, legal and illegal, as aggregate fixture tests. */
class OrderTest {

    private static final String ORDER = "order-1";
    private static final String BUYER = "buyer-1";
    private static final String SELLER = "seller-1";
    private static final MetaData AS_BUYER = MetaData.with(MetadataKeys.USER_ID, BUYER);
    private static final MetaData AS_SELLER = MetaData.with(MetadataKeys.USER_ID, SELLER);
    private static final MetaData AS_STRANGER = MetaData.with(MetadataKeys.USER_ID, "stranger");
    private static final MetaData AS_ADMIN = MetaData.with(MetadataKeys.USER_ID, "admin-1");
    private static final Instant PAY_BY = Instant.parse("2026-11-25T12:30:00Z");
    private static final ShippingAddress ADDRESS =
            new ShippingAddress("Ann Buyer", "Main St 1", null, "Berlin", "10115", "DE");
    private static final List<OrderLine> LINES = List.of(
            new OrderLine("listing-1", "Blue denim jacket", new Money(2500, "EUR"), 1, new Money(450, "EUR")),
            new OrderLine("listing-2", "Wool coat", new Money(7000, "EUR"), 1, new Money(0, "EUR")));
    private static final OrderTotals TOTALS =
            new OrderTotals(new Money(9500, "EUR"), new Money(450, "EUR"), new Money(9950, "EUR"));
    private static final List<String> LISTING_IDS = List.of("listing-1", "listing-2");

    private static final OrderPlaced PLACED = new OrderPlaced(ORDER, BUYER, SELLER, LINES, ADDRESS, TOTALS, PAY_BY);
    private static final OrderPaid PAID = new OrderPaid(ORDER, BUYER, SELLER, LISTING_IDS, "pi_1", TOTALS);
    private static final OrderPaymentFailed FAILED = new OrderPaymentFailed(ORDER, "pi_1", "card_declined");
    private static final OrderShipped SHIPPED = new OrderShipped(ORDER, "DHL", "JJD0001");
    private static final OrderDelivered DELIVERED = new OrderDelivered(ORDER, OrderParty.SELLER);
    private static final OrderCancelled CANCELLED = new OrderCancelled(ORDER, CancellationReason.BUYER, LISTING_IDS);
    private static final OrderRefunded REFUNDED = new OrderRefunded(ORDER, "re_1");
    private static final OrderRefundRequested REFUND_BY_SELLER =
            new OrderRefundRequested(ORDER, "pi_1", new Money(9950, "EUR"), SELLER);
    private static final OrderRefundRequested REFUND_BY_ADMIN =
            new OrderRefundRequested(ORDER, "pi_1", new Money(9950, "EUR"), "admin-1");

    private final MutableClock clock = MutableClock.of(PAY_BY.minusSeconds(1), ZoneOffset.UTC);
    private AggregateTestFixture<Order> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Order.class);
        fixture.registerInjectableResource(clock);
    }

    @Test
    void placingAnOrderSnapshotsLinesAndComputesTotalsInMinorUnits() {
        fixture.givenNoPriorActivity()
                .when(new PlaceOrder(ORDER, BUYER, SELLER, LINES, ADDRESS, PAY_BY))
                .expectEvents(PLACED);
    }

    @Test
    void anOrderMixingCurrenciesIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new PlaceOrder(
                        ORDER,
                        BUYER,
                        SELLER,
                        List.of(
                                LINES.get(0),
                                new OrderLine("listing-3", "Lamp", new Money(900, "USD"), 1, new Money(0, "USD"))),
                        ADDRESS,
                        PAY_BY))
                .expectNoEvents()
                .expectException(IllegalArgumentException.class);
    }

    // ------------------------------------------------------------------ legal transitions

    @Test
    void payingAPendingOrFailedOrderMarksItPaid() {
        fixture.given(PLACED).when(new ConfirmPayment(ORDER, "pi_1")).expectEvents(PAID);
        fixture.given(PLACED, FAILED).when(new ConfirmPayment(ORDER, "pi_1")).expectEvents(PAID);
    }

    @Test
    void aFailedAttemptIsRecordedWhileUnpaid() {
        fixture.given(PLACED)
                .when(new RecordPaymentFailure(ORDER, "pi_1", "card_declined"))
                .expectEvents(FAILED);
    }

    @Test
    void theBuyerCancelsAnUnpaidOrder() {
        fixture.given(PLACED).when(new CancelOrder(ORDER), AS_BUYER).expectEvents(CANCELLED);
        fixture.given(PLACED, FAILED).when(new CancelOrder(ORDER), AS_BUYER).expectEvents(CANCELLED);
    }

    @Test
    void anUnpaidOrderExpiresAtItsDeadlineAndNotBefore() {
        clock.setInstant(PAY_BY);
        fixture.given(PLACED)
                .when(new ExpireOrder(ORDER))
                .expectEvents(new OrderCancelled(ORDER, CancellationReason.EXPIRED, LISTING_IDS));
    }

    @Test
    void anEarlyExpiryChangesNothing() {
        fixture.given(PLACED)
                .when(new ExpireOrder(ORDER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void theSellerShipsAPaidOrderAndMarksItDelivered() {
        fixture.given(PLACED, PAID)
                .when(new ShipOrder(ORDER, "DHL", "JJD0001"), AS_SELLER)
                .expectEvents(SHIPPED);
        fixture.given(PLACED, PAID, SHIPPED)
                .when(new MarkOrderDelivered(ORDER), AS_SELLER)
                .expectEvents(DELIVERED);
        fixture.given(PLACED, PAID, SHIPPED)
                .when(new MarkOrderDelivered(ORDER), AS_BUYER)
                .expectEvents(new OrderDelivered(ORDER, OrderParty.BUYER));
    }

    @Test
    void aPaidShippedOrDeliveredOrderCanBeRefundedOnce() {
        fixture.given(PLACED, PAID).when(new ConfirmRefund(ORDER, "re_1")).expectEvents(REFUNDED);
        fixture.given(PLACED, PAID, SHIPPED)
                .when(new ConfirmRefund(ORDER, "re_1"))
                .expectEvents(REFUNDED);
        fixture.given(PLACED, PAID, SHIPPED, DELIVERED)
                .when(new ConfirmRefund(ORDER, "re_1"))
                .expectEvents(REFUNDED);
        fixture.given(PLACED, PAID, REFUNDED)
                .when(new ConfirmRefund(ORDER, "re_1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void thePaymentIntentIsRecordedOnce() {
        fixture.given(PLACED)
                .when(new RecordPaymentIntent(ORDER, "pi_1"))
                .expectEvents(new PaymentIntentCreated(ORDER, "pi_1"));
        fixture.given(PLACED, new PaymentIntentCreated(ORDER, "pi_1"))
                .when(new RecordPaymentIntent(ORDER, "pi_1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void theSellerRequestsARefundBeforeShippingForTheWholeTotal() {
        fixture.given(PLACED, PAID)
                .when(new RequestRefund(ORDER, false), AS_SELLER)
                .expectEvents(REFUND_BY_SELLER);
    }

    @Test
    void anAdminRequestsARefundAnyTimeAfterPayment() {
        fixture.given(PLACED, PAID)
                .when(new RequestRefund(ORDER, true), AS_ADMIN)
                .expectEvents(REFUND_BY_ADMIN);
        fixture.given(PLACED, PAID, SHIPPED)
                .when(new RequestRefund(ORDER, true), AS_ADMIN)
                .expectEvents(REFUND_BY_ADMIN);
        fixture.given(PLACED, PAID, SHIPPED, DELIVERED)
                .when(new RequestRefund(ORDER, true), AS_ADMIN)
                .expectEvents(REFUND_BY_ADMIN);
    }

    @Test
    void aRepeatedRefundRequestWhileUnderWayChangesNothing() {
        fixture.given(PLACED, PAID, REFUND_BY_SELLER)
                .when(new RequestRefund(ORDER, true), AS_ADMIN)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(PLACED, PAID, REFUND_BY_SELLER)
                .when(new RequestRefund(ORDER, false), AS_SELLER)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void theConfirmedRefundEndsARequestedRefund() {
        fixture.given(PLACED, PAID, REFUND_BY_ADMIN)
                .when(new ConfirmRefund(ORDER, "re_1"))
                .expectEvents(REFUNDED);
    }

    @Test
    void onlyTheSellerAndAdminsRequestRefundsOthersAreToldTheOrderDoesNotExist() {
        fixture.given(PLACED, PAID)
                .when(new RequestRefund(ORDER, false), AS_BUYER)
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.ORDER_NOT_FOUND));
        fixture.given(PLACED, PAID)
                .when(new RequestRefund(ORDER, false), AS_STRANGER)
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.ORDER_NOT_FOUND));
    }

    @Test
    void aPaidOrderWhoseListingWentElsewhereIsRefundedInFullOnce() {
        fixture.given(PLACED, PAID)
                .when(new RefundUnfulfillableOrder(ORDER, List.of("listing-2")))
                .expectEvents(
                        new OrderCouldNotBeFulfilled(ORDER, BUYER, List.of("listing-2"), new Money(9950, "EUR")),
                        new OrderRefundRequested(ORDER, "pi_1", new Money(9950, "EUR"), Order.SYSTEM_ACTOR));
        fixture.given(PLACED, PAID, REFUND_BY_ADMIN)
                .when(new RefundUnfulfillableOrder(ORDER, List.of("listing-2")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(PLACED, PAID, REFUND_BY_ADMIN, REFUNDED)
                .when(new RefundUnfulfillableOrder(ORDER, List.of("listing-2")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void checkoutWithdrawsAnUnpaidOrderOnlyAndOnce() {
        OrderCancelled withdrawn = new OrderCancelled(ORDER, CancellationReason.CHECKOUT_FAILED, LISTING_IDS);
        fixture.given(PLACED).when(new CancelFailedCheckout(ORDER)).expectEvents(withdrawn);
        fixture.given(PLACED, withdrawn)
                .when(new CancelFailedCheckout(ORDER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(PLACED, PAID)
                .when(new CancelFailedCheckout(ORDER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    // ------------------------------------------------------------------ payment reports are idempotent

    @Test
    void aRepeatedOrLatePaymentReportChangesNothing() {
        fixture.given(PLACED, PAID)
                .when(new ConfirmPayment(ORDER, "pi_1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(PLACED, PAID)
                .when(new RecordPaymentFailure(ORDER, "pi_0", "card_declined"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(PLACED, PAID, SHIPPED)
                .when(new ConfirmPayment(ORDER, "pi_1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(PLACED, CANCELLED)
                .when(new RecordPaymentFailure(ORDER, "pi_1", "expired"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(PLACED, PAID)
                .when(new ExpireOrder(ORDER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    // ------------------------------------------------------------------ illegal transitions are 409s

    record Illegal(String name, List<Object> history, Object command, MetaData metaData) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Illegal> illegalTransitions() {
        return Stream.of(
                new Illegal("ship an unpaid order", List.of(PLACED), new ShipOrder(ORDER, "DHL", "1"), AS_SELLER),
                new Illegal("ship twice", List.of(PLACED, PAID, SHIPPED), new ShipOrder(ORDER, "DHL", "1"), AS_SELLER),
                new Illegal(
                        "ship a cancelled order",
                        List.of(PLACED, CANCELLED),
                        new ShipOrder(ORDER, "DHL", "1"),
                        AS_SELLER),
                new Illegal("deliver before shipping", List.of(PLACED, PAID), new MarkOrderDelivered(ORDER), AS_SELLER),
                new Illegal(
                        "deliver twice",
                        List.of(PLACED, PAID, SHIPPED, DELIVERED),
                        new MarkOrderDelivered(ORDER),
                        AS_SELLER),
                new Illegal("cancel a paid order", List.of(PLACED, PAID), new CancelOrder(ORDER), AS_BUYER),
                new Illegal("cancel twice", List.of(PLACED, CANCELLED), new CancelOrder(ORDER), AS_BUYER),
                new Illegal("cancel a shipped order", List.of(PLACED, PAID, SHIPPED), new CancelOrder(ORDER), AS_BUYER),
                new Illegal(
                        "pay a cancelled order",
                        List.of(PLACED, CANCELLED),
                        new ConfirmPayment(ORDER, "pi_1"),
                        MetaData.emptyInstance()),
                new Illegal(
                        "refund an unpaid order",
                        List.of(PLACED),
                        new ConfirmRefund(ORDER, "re_1"),
                        MetaData.emptyInstance()),
                new Illegal(
                        "refund a cancelled order",
                        List.of(PLACED, CANCELLED),
                        new ConfirmRefund(ORDER, "re_1"),
                        MetaData.emptyInstance()),
                new Illegal(
                        "ship a refunded order",
                        List.of(PLACED, PAID, REFUNDED),
                        new ShipOrder(ORDER, "DHL", "1"),
                        AS_SELLER),
                new Illegal(
                        "ship while the refund is under way",
                        List.of(PLACED, PAID, REFUND_BY_SELLER),
                        new ShipOrder(ORDER, "DHL", "1"),
                        AS_SELLER),
                new Illegal(
                        "seller refunds a shipped order",
                        List.of(PLACED, PAID, SHIPPED),
                        new RequestRefund(ORDER, false),
                        AS_SELLER),
                new Illegal(
                        "seller refunds an unpaid order", List.of(PLACED), new RequestRefund(ORDER, false), AS_SELLER),
                new Illegal("admin refunds an unpaid order", List.of(PLACED), new RequestRefund(ORDER, true), AS_ADMIN),
                new Illegal(
                        "admin refunds a cancelled order",
                        List.of(PLACED, CANCELLED),
                        new RequestRefund(ORDER, true),
                        AS_ADMIN),
                new Illegal(
                        "admin refunds a refunded order",
                        List.of(PLACED, PAID, REFUNDED),
                        new RequestRefund(ORDER, true),
                        AS_ADMIN));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("illegalTransitions")
    void illegalTransitionsAreConflicts(Illegal illegal) {
        TestExecutor<Order> given = fixture.given(illegal.history());
        given.when(illegal.command(), illegal.metaData())
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.ORDER_TRANSITION_NOT_ALLOWED));
    }

    // ------------------------------------------------------------------ who may act

    @Test
    void onlyTheBuyerCancelsAndOnlyTheSellerShipsOthersAreToldTheOrderDoesNotExist() {
        fixture.given(PLACED)
                .when(new CancelOrder(ORDER), AS_SELLER)
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.ORDER_NOT_FOUND));
        fixture.given(PLACED)
                .when(new CancelOrder(ORDER), AS_STRANGER)
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.ORDER_NOT_FOUND));
        fixture.given(PLACED, PAID)
                .when(new ShipOrder(ORDER, "DHL", "1"), AS_BUYER)
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.ORDER_NOT_FOUND));
        fixture.given(PLACED, PAID, SHIPPED)
                .when(new MarkOrderDelivered(ORDER), AS_STRANGER)
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.ORDER_NOT_FOUND));
    }

    private static Matcher<DomainException> rejectedWith(ErrorCode code) {
        return new CustomTypeSafeMatcher<>("a DomainException with code " + code) {
            @Override
            protected boolean matchesSafely(DomainException rejection) {
                return rejection.code() == code;
            }
        };
    }
}
