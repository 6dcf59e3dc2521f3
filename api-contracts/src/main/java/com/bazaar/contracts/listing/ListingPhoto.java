package com.bazaar.contracts.listing;

import com.bazaar.contracts.media.ImageUrls;

/** One photo of a listing with the URL of each size (docs/MEDIA.md, "Renditions"). */
public record ListingPhoto(String id, ImageUrls urls) {}
