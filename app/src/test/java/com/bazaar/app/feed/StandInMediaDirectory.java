package com.bazaar.app.feed;

import com.bazaar.app.RunningBazaar;
import com.bazaar.contracts.media.FindMedia;
import com.bazaar.contracts.media.MediaStatus;
import com.bazaar.contracts.media.MediaSummary;
import org.axonframework.queryhandling.QueryBus;
import org.springframework.core.ResolvableType;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * TEMPORARY stand-in for the media module, which is being built in parallel: answers the {@code FindMedia} query the
 * listing rules ask before publishing, with READY for the photos a test "uploaded" here. Replace with
 * {@code RunningBazaar.uploadPhoto(User)} once the media module lands (this class is the only place to change).
 */
final class StandInMediaDirectory {

    private final Map<String, String> owners = new ConcurrentHashMap<>();

    private StandInMediaDirectory() {
    }

    static StandInMediaDirectory installOn(RunningBazaar bazaar) {
        StandInMediaDirectory directory = new StandInMediaDirectory();
        bazaar.bean(QueryBus.class).subscribe(FindMedia.class.getName(),
                ResolvableType.forClassWithGenerics(List.class, MediaSummary.class).getType(),
                message -> ((FindMedia) message.getPayload()).mediaIds().stream()
                        .map(id -> directory.owners.containsKey(id)
                                ? new MediaSummary(id, directory.owners.get(id), MediaStatus.READY) : null)
                        .filter(Objects::nonNull)
                        .toList());
        return directory;
    }

    /** A READY photo of {@code owner}'s, as the media module answers after a finished upload. */
    String uploadPhoto(RunningBazaar.User owner) {
        String mediaId = UUID.randomUUID().toString();
        owners.put(mediaId, owner.id());
        return mediaId;
    }
}
