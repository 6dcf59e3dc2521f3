package com.bazaar.contracts.listing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The listing status rules every read model shares, and that they stay out of the stored events. */
class ListingStatusChangeTest {

    @Test
    void eachEventLeadsToItsStatus() {
        assertThat(new ListingPublished("l", "s").statusAfter()).isEqualTo(ListingStatus.PUBLISHED);
        assertThat(new ListingUnpublished("l", "s").statusAfter()).isEqualTo(ListingStatus.UNPUBLISHED);
        assertThat(new ListingReserved("l", "s", "o").statusAfter()).isEqualTo(ListingStatus.RESERVED);
        assertThat(new ListingReservationReleased("l", "s", "o").statusAfter()).isEqualTo(ListingStatus.PUBLISHED);
        assertThat(new ListingSold("l", "s", "o").statusAfter()).isEqualTo(ListingStatus.SOLD);
    }

    @Test
    void onlyAPublishedListingIsForSale() {
        assertThat(Arrays.stream(ListingStatus.values()).filter(ListingStatus::isForSale))
                .containsExactly(ListingStatus.PUBLISHED);
    }

    @Test
    void theStatusIsNotWrittenIntoTheEvent() throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (ListingStatusChange event : List.of(
                new ListingPublished("l", "s"),
                new ListingUnpublished("l", "s"),
                new ListingReserved("l", "s", "o"),
                new ListingReservationReleased("l", "s", "o"),
                new ListingSold("l", "s", "o"))) {
            String written = json.writeValueAsString(event);
            assertThat(written).doesNotContain("statusAfter").doesNotContain("status");
            assertThat(json.readValue(written, event.getClass())).isEqualTo(event);
        }
    }
}
