package com.bazaar.command.listing;

import com.bazaar.contracts.listing.Category;
import com.bazaar.contracts.listing.Condition;
import com.bazaar.platform.validation.MoneyInput;
import com.bazaar.platform.validation.SlugOf;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/v1/listings}; every invalid field is reported at once. */
record CreateListingRequest(
        @NotBlank @Size(max = 120) String title,
        @Size(max = 5000) String description,
        @NotNull @Valid MoneyInput price,
        @NotNull @SlugOf(Category.class) String category,
        @NotNull @SlugOf(Condition.class) String condition) {
}
