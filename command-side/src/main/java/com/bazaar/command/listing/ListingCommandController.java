package com.bazaar.command.listing;

import com.bazaar.contracts.common.DomainException;
import com.bazaar.contracts.common.ErrorCode;
import com.bazaar.contracts.listing.CreateListingDraft;
import com.bazaar.contracts.listing.EditListing;
import com.bazaar.contracts.listing.ListingDetails;
import com.bazaar.contracts.listing.PublishListing;
import com.bazaar.contracts.listing.UnpublishListing;
import com.bazaar.contracts.media.ClaimMedia;
import com.bazaar.platform.messaging.AxonGateways;
import com.bazaar.platform.messaging.RequestMetadata;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/listings")
class ListingCommandController {

    private final AxonGateways gateways;

    ListingCommandController(AxonGateways gateways) {
        this.gateways = gateways;
    }

    record Created(String id) {}

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mono<ResponseEntity<Created>> create(@Valid @RequestBody ListingRequest request) {
        String listingId = UUID.randomUUID().toString();
        return RequestMetadata.current()
                .flatMap(metadata -> Mono.fromCallable(request::toDetails)
                        .flatMap(details -> claim(metadata.userId(), details)
                                .then(gateways.send(new CreateListingDraft(listingId, metadata.userId(), details)))))
                .thenReturn(ResponseEntity.created(URI.create("/api/v1/listings/" + listingId))
                        .body(new Created(listingId)));
    }

    /** Replaces everything the seller wrote (same body as create); allowed until the listing is reserved. */
    @PutMapping("/{listingId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> edit(@PathVariable String listingId, @Valid @RequestBody ListingRequest request) {
        return Mono.fromCallable(request::toDetails)
                .flatMap(details -> RequestMetadata.current()
                        .flatMap(metadata -> claim(metadata.userId(), details))
                        .then(gateways.send(new EditListing(listingId, details))))
                .onErrorMap(AggregateNotFoundException.class, unknown -> notFound(listingId))
                .then();
    }

    @PostMapping("/{listingId}/publish")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> publish(@PathVariable String listingId) {
        return gateways.send(new PublishListing(listingId))
                .onErrorMap(AggregateNotFoundException.class, unknown -> notFound(listingId))
                .then();
    }

    @PostMapping("/{listingId}/unpublish")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> unpublish(@PathVariable String listingId) {
        return gateways.send(new UnpublishListing(listingId))
                .onErrorMap(AggregateNotFoundException.class, unknown -> notFound(listingId))
                .then();
    }

    /**
     * Marks the caller's photos as in use before the listing command checks them, so the cleanup of unused uploads
     * cannot delete one between that check and the listing event (docs/MEDIA.md, "Cleanup"). A photo claimed by a
     * command that is then refused stays kept, which costs only storage.
     */
    private Mono<Void> claim(String userId, ListingDetails details) {
        return details.photoIds().isEmpty()
                ? Mono.empty()
                : gateways.send(new ClaimMedia(userId, details.photoIds())).then();
    }

    /** The same answer as for someone else's listing (the aggregate's check), so ids cannot be probed. */
    private static DomainException notFound(String listingId) {
        return new DomainException(ErrorCode.LISTING_NOT_FOUND, "Listing " + listingId + " does not exist.");
    }
}
