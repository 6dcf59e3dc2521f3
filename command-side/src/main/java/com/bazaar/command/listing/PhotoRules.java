package com.bazaar.command.listing;

import com.bazaar.contracts.common.DomainException;
import com.bazaar.contracts.common.ErrorCode;
import com.bazaar.contracts.common.InvalidInputException;
import com.bazaar.contracts.media.MediaStatus;
import com.bazaar.contracts.media.MediaSummary;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * What a listing may do with photos: attach only the seller's own uploads (still uploading is fine for a draft),
 * and publish only when every photo has been uploaded and checked. Injected into the aggregate's command handlers.
 */
@Component
class PhotoRules {

    private final MediaLookup media;

    PhotoRules(MediaLookup media) {
        this.media = media;
    }

    /** Someone else's upload answers like a missing one, so media ids cannot be probed. */
    void requireAttachable(String sellerId, List<String> photoIds) {
        Map<String, MediaSummary> found = lookUp(photoIds);
        for (int i = 0; i < photoIds.size(); i++) {
            MediaSummary photo = found.get(photoIds.get(i));
            if (photo == null || !photo.ownerId().equals(sellerId)) {
                throw new InvalidInputException("photoIds[" + i + "]", "is not an upload of yours");
            }
        }
    }

    void requirePublishable(String listingId, List<String> photoIds) {
        if (photoIds.isEmpty()) {
            throw new DomainException(
                    ErrorCode.LISTING_NEEDS_PHOTOS,
                    "Listing " + listingId + " needs at least one photo before it can be published.");
        }
        Map<String, MediaSummary> found = lookUp(photoIds);
        List<String> notReady = photoIds.stream()
                .filter(id -> found.get(id) == null || found.get(id).status() != MediaStatus.READY)
                .toList();
        if (!notReady.isEmpty()) {
            throw new DomainException(
                    ErrorCode.PHOTO_NOT_UPLOADED,
                    "Photos " + notReady
                            + " have not finished uploading; complete them (POST /api/v1/media/{id}/complete) and retry.");
        }
    }

    private Map<String, MediaSummary> lookUp(List<String> photoIds) {
        return media.find(photoIds).stream().collect(Collectors.toMap(MediaSummary::id, Function.identity()));
    }
}
