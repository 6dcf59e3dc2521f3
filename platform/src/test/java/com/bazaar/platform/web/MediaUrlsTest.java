package com.bazaar.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.bazaar.contracts.listing.ListingPhoto;
import com.bazaar.contracts.media.ImageUrls;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class MediaUrlsTest {

    private final MockServerHttpRequest request =
            MockServerHttpRequest.get("http://10.0.2.2:8080/api/v1/feed").build();

    @Test
    void withoutACdnImagesComeFromThisServerAsTheRequestReachedIt() {
        MediaUrls urls = new MediaUrls("");

        assertThat(urls.url(request, "m1")).isEqualTo("http://10.0.2.2:8080/media/m1");
        assertThat(urls.url(request, null)).isNull();
        assertThat(urls.url(
                        MockServerHttpRequest.get("https://api.example.com/api/v1/feed")
                                .build(),
                        "m1"))
                .isEqualTo("https://api.example.com/media/m1");
    }

    @Test
    void aConfiguredPublicBaseUrlWinsInOrder() {
        MediaUrls urls = new MediaUrls("https://cdn.example.com/media/");

        assertThat(urls.photos(request, List.of("b", "a")))
                .extracting(photo -> photo.urls().original())
                .containsExactly("https://cdn.example.com/media/b", "https://cdn.example.com/media/a");
    }

    @Test
    void everySizeSitsBesideTheOriginalUnderANameDerivedFromTheId() {
        MediaUrls urls = new MediaUrls("https://cdn.example.com/media");

        assertThat(urls.sizes(request, "m1"))
                .isEqualTo(new ImageUrls(
                        "https://cdn.example.com/media/m1-w320.jpg",
                        "https://cdn.example.com/media/m1-w1080.jpg",
                        "https://cdn.example.com/media/m1"));
        assertThat(urls.sizes(request, null)).isNull();
        assertThat(urls.photos(request, List.of("m1")))
                .containsExactly(new ListingPhoto("m1", urls.sizes(request, "m1")));
    }
}
