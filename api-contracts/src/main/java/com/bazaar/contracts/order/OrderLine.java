package com.bazaar.contracts.order;

import com.bazaar.contracts.common.Money;

/** One listing in an order, with the price and shipping the buyer saw at checkout (later edits do not change it). */
public record OrderLine(String listingId, String title, Money unitPrice, int quantity, Money shippingPrice) {}
