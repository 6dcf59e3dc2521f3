package com.bazaar.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** The read side as the app uses it: feed first pages (filtered, sorted, searched), deep paging, listing detail. */
final class ReadScenarios {

    private static final int PAGE = 20;

    private final BazaarClient client;
    private final ClosedLoopLoad load;
    private final List<String> listingIds;

    ReadScenarios(BazaarClient client, ClosedLoopLoad load, List<String> listingIds) {
        this.client = client;
        this.load = load;
        this.listingIds = listingIds;
    }

    List<ScenarioResult> run() {
        List<ScenarioResult> results = new ArrayList<>();
        results.add(firstPage("feed, newest, first page", "?limit=" + PAGE, "the app's home screen"));
        results.add(firstPage(
                "feed, category filter",
                "?limit=" + PAGE + "&category=" + ListingFactory.CATEGORY,
                "category=" + ListingFactory.CATEGORY + ", ~1/13 of listings"));
        results.add(firstPage("feed, sort=price_asc", "?limit=" + PAGE + "&sort=price_asc", ""));
        results.add(firstPage(
                "feed, search q=",
                "?limit=" + PAGE + "&q=" + ListingFactory.SEARCH_WORD,
                "q=" + ListingFactory.SEARCH_WORD + ", ~1/8 of listings"));
        Recorder walks = new Recorder();
        int pages = (listingIds.size() + PAGE - 1) / PAGE;
        ScenarioResult paging = load.run(
                "feed, deep paging (per page)",
                () -> new FeedPager(client, PAGE, listingIds.size(), walks),
                "following nextCursor through all " + pages + " pages of " + PAGE);
        results.add(paging);
        results.add(walks.result(
                "  feed, one complete walk",
                (long) (paging.seconds() * 1e9),
                "all " + listingIds.size() + " listings, checked: each once"));
        results.add(load.run(
                "listing detail",
                () -> () -> client.get("/api/v1/listings/"
                                + listingIds.get(ThreadLocalRandom.current().nextInt(listingIds.size())))
                        .status(),
                "random listing"));
        return results;
    }

    private ScenarioResult firstPage(String name, String query, String note) {
        return load.run(name, () -> () -> client.get("/api/v1/feed" + query).status(), note);
    }
}
