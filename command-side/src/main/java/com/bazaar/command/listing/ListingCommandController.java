package com.bazaar.command.listing;

import com.bazaar.contracts.listing.Category;
import com.bazaar.contracts.listing.Condition;
import com.bazaar.contracts.listing.CreateListingDraft;
import com.bazaar.contracts.listing.PublishListing;
import com.bazaar.platform.messaging.AxonGateways;
import com.bazaar.platform.messaging.RequestMetadata;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.UUID;

@RestController
@RequestMapping("/api/v1/listings")
class ListingCommandController {

    private final AxonGateways gateways;

    ListingCommandController(AxonGateways gateways) {
        this.gateways = gateways;
    }

    record Created(String id) {
    }

    @PostMapping
    Mono<ResponseEntity<Created>> create(@Valid @RequestBody CreateListingRequest request) {
        String listingId = UUID.randomUUID().toString();
        return RequestMetadata.current()
                .flatMap(metadata -> gateways.send(new CreateListingDraft(listingId, metadata.userId(),
                        request.title().strip(), request.description() == null ? "" : request.description().strip(),
                        request.price().toMoney(), Category.fromSlug(request.category()),
                        Condition.fromSlug(request.condition()))))
                .thenReturn(ResponseEntity.created(URI.create("/api/v1/listings/" + listingId))
                        .body(new Created(listingId)));
    }

    @PostMapping("/{listingId}/publish")
    Mono<ResponseEntity<Void>> publish(@PathVariable String listingId) {
        return gateways.send(new PublishListing(listingId))
                .then(Mono.just(ResponseEntity.noContent().build()));
    }
}
