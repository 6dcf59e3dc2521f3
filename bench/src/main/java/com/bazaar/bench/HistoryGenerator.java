package com.bazaar.bench;

import com.bazaar.contracts.cart.CartItemAdded;
import com.bazaar.contracts.cart.CartItemRemoved;
import com.bazaar.contracts.common.Money;
import com.bazaar.contracts.listing.Category;
import com.bazaar.contracts.listing.Colour;
import com.bazaar.contracts.listing.Condition;
import com.bazaar.contracts.listing.ListingDetails;
import com.bazaar.contracts.listing.ListingDraftCreated;
import com.bazaar.contracts.listing.ListingPublished;
import com.bazaar.contracts.listing.ListingReserved;
import com.bazaar.contracts.listing.ListingSold;
import com.bazaar.contracts.order.OrderLine;
import com.bazaar.contracts.order.OrderPaid;
import com.bazaar.contracts.order.OrderPlaced;
import com.bazaar.contracts.order.OrderTotals;
import com.bazaar.contracts.order.ShippingAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

/**
 * Fills an event store with realistic histories in bulk, bypassing HTTP and the command bus: the real event records
 * of api-contracts, wrapped as domain events of the real aggregate types ("Listing", "Cart", "Order") with gap-free
 * sequence numbers, appended through the application's own {@link EventStorageEngine} (so the application's
 * serializer, schema and indexes) in batches of {@code batch} events. Every event is stamped when its batch is
 * appended, so the running processors (Mongo tracking has a look-back window) see them as fresh and project them.
 *
 * <p>The histories, per four listings (15 events): each listing created and published by one of the sellers (about 40
 * listings per seller); the second listing goes into a shopper's cart and stays there; the fourth is bought: added to
 * a cart, reserved, an order placed and paid, the listing sold, the line removed from the cart. Carts and orders
 * belong to a pool of shoppers, so carts grow long histories. Listings only ({@link #listings}) is the feed's input.
 */
final class HistoryGenerator {

    static final String SEARCH_WORD = ListingFactory.SEARCH_WORD;
    private static final String[] WORDS = {"leather", "cotton", "wool", "denim", "linen", "canvas", "suede", "vintage"};
    private static final String[] BRANDS = {"Levi's", "COS", "Nike", "Patagonia", "IKEA", "Sony", "Penguin", "LEGO"};
    private static final String[] NOUNS = {"jacket", "boots", "scarf", "tote", "lamp", "speaker", "novel", "record"};
    private static final ShippingAddress ADDRESS =
            new ShippingAddress("Bench Buyer", "1 Bench Street", null, "Berlin", "10115", "DE");

    private final EventStorageEngine engine;
    private final int batch;
    private final Random random = new Random(42);
    private final List<DomainEventMessage<?>> pending = new ArrayList<>();
    private final Map<String, Long> nextSequence = new HashMap<>();
    private final List<String> publishedListings = new ArrayList<>();
    private long appended;
    private int listingCount;

    HistoryGenerator(EventStorageEngine engine, int batch) {
        this.engine = engine;
        this.batch = batch;
    }

    long appended() {
        return appended;
    }

    /** Listings still on sale (published, not bought), for commands that need one. */
    List<String> publishedListings() {
        return publishedListings;
    }

    /** Appends mixed marketplace histories until the store holds at least {@code target} events from this generator. */
    void fillTo(long target) {
        int shoppers = 500;
        while (appended + pending.size() < target) {
            int unit = listingCount % 4;
            String listing = listing();
            String shopper = "bench-shopper-" + random.nextInt(shoppers);
            if (unit == 1) {
                add(
                        "Cart",
                        shopper,
                        new CartItemAdded(shopper, UUID.randomUUID().toString(), listing, 1));
            } else if (unit == 3) {
                publishedListings.remove(publishedListings.size() - 1);
                String seller = sellerOf(listingCount - 1);
                String order = UUID.randomUUID().toString();
                Money price = new Money(500 + random.nextInt(20_000), "EUR");
                Money shipping = new Money(450, "EUR");
                OrderTotals totals = new OrderTotals(price, shipping, new Money(price.amount() + 450, "EUR"));
                add(
                        "Cart",
                        shopper,
                        new CartItemAdded(shopper, UUID.randomUUID().toString(), listing, 1));
                add("Listing", listing, new ListingReserved(listing, seller, order));
                add(
                        "Order",
                        order,
                        new OrderPlaced(
                                order,
                                shopper,
                                seller,
                                List.of(new OrderLine(listing, "Bench listing", price, 1, shipping)),
                                ADDRESS,
                                totals,
                                Instant.now().plus(Duration.ofDays(1))));
                add(
                        "Order",
                        order,
                        new OrderPaid(order, shopper, seller, List.of(listing), "pi_bench_" + order, totals));
                add("Listing", listing, new ListingSold(listing, seller, order));
                add(
                        "Cart",
                        shopper,
                        new CartItemRemoved(shopper, UUID.randomUUID().toString(), listing));
            }
        }
        flush();
    }

    /** Appends created+published listings only (two events each), until {@code target} listings exist. */
    void listings(int target) {
        while (listingCount < target) {
            listing();
        }
        flush();
    }

    /**
     * One cart with exactly {@code length} events (items added and removed in turn), for aggregate-load figures.
     * Answers its id.
     */
    String cartWithHistory(String name, int length) {
        String cart = "bench-cart-" + name + "-" + length;
        String listing = publishedListings.isEmpty() ? listing() : publishedListings.get(0);
        for (int i = 0; i < length; i++) {
            String request = UUID.randomUUID().toString();
            add(
                    "Cart",
                    cart,
                    i % 2 == 0
                            ? new CartItemAdded(cart, request, listing, 1)
                            : new CartItemRemoved(cart, request, listing));
        }
        flush();
        return cart;
    }

    private String listing() {
        int n = listingCount++;
        String listing = UUID.randomUUID().toString();
        String seller = sellerOf(n);
        String word = WORDS[random.nextInt(WORDS.length)];
        String brand = BRANDS[random.nextInt(BRANDS.length)];
        Category category = Category.values()[n % Category.values().length];
        ListingDetails details = new ListingDetails(
                brand + " " + word + " " + NOUNS[n % NOUNS.length] + " #" + n,
                "Worn a handful of times, no stains or holes. Pick-up or shipping.",
                new Money(500 + random.nextInt(20_000), "EUR"),
                new Money(random.nextBoolean() ? 0 : 450, "EUR"),
                category,
                Condition.values()[random.nextInt(Condition.values().length)],
                null,
                brand,
                Colour.values()[random.nextInt(Colour.values().length)],
                List.of());
        add("Listing", listing, new ListingDraftCreated(listing, seller, details));
        add("Listing", listing, new ListingPublished(listing, seller));
        publishedListings.add(listing);
        return listing;
    }

    private static String sellerOf(int listing) {
        return "bench-seller-" + listing / 40;
    }

    private void add(String type, String aggregate, Object payload) {
        long sequence = nextSequence.merge(aggregate, 1L, Long::sum) - 1;
        // Stamped now (GenericEventMessage's clock), i.e. when its batch is built; batches are appended at once.
        pending.add(new GenericDomainEventMessage<>(type, aggregate, sequence, payload));
        if (pending.size() >= batch) {
            flush();
        }
    }

    private void flush() {
        if (pending.isEmpty()) {
            return;
        }
        engine.appendEvents(List.copyOf(pending));
        appended += pending.size();
        pending.clear();
    }
}
