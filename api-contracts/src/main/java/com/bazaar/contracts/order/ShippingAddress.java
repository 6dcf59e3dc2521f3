package com.bazaar.contracts.order;

/** Where the seller ships to; {@code country} is an ISO-3166 alpha-2 code, {@code line2} may be null. */
public record ShippingAddress(
        String name, String line1, String line2, String city, String postalCode, String country) {}
