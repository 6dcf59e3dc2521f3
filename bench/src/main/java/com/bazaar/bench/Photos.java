package com.bazaar.bench;

import com.bazaar.app.seed.DemoPhotos;
import java.util.ArrayList;
import java.util.List;

/**
 * Real JPEG photos of a phone-upload-like size, the demo seeder's kind. A handful are rendered once and reused:
 * rendering one per listing would spend the client's share of the two cores on image encoding instead of load.
 */
final class Photos {

    private final List<byte[]> jpegs = new ArrayList<>();

    Photos(int distinct) {
        for (int i = 0; i < distinct; i++) {
            jpegs.add(DemoPhotos.render("Bench photo " + i, i, i));
        }
    }

    byte[] get(int index) {
        return jpegs.get(index % jpegs.size());
    }
}
