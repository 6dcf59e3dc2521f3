package com.bazaar.command.listing;

import com.bazaar.contracts.media.MediaSummary;
import java.util.List;

/** Finds uploads by id; unknown ids are left out of the answer. */
@FunctionalInterface
interface MediaLookup {

    List<MediaSummary> find(List<String> mediaIds);
}
