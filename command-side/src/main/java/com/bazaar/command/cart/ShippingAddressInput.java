package com.bazaar.command.cart;

import com.bazaar.contracts.order.ShippingAddress;
import com.bazaar.platform.validation.IsoCountry;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Locale;

/** The address as the checkout form sends it; every invalid field is reported at once. */
record ShippingAddressInput(
        @NotBlank @Size(max = 100) String name,
        @NotBlank @Size(max = 200) String line1,
        @Size(max = 200) String line2,
        @NotBlank @Size(max = 100) String city,

        @NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9 -]{0,11}", message = "must be a postal code")
        String postalCode,

        @NotBlank @IsoCountry String country) {

    ShippingAddress toAddress() {
        return new ShippingAddress(
                name.strip(),
                line1.strip(),
                line2 == null || line2.isBlank() ? null : line2.strip(),
                city.strip(),
                postalCode.strip().toUpperCase(Locale.ROOT),
                country);
    }
}
