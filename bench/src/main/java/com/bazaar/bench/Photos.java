package com.bazaar.bench;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Real JPEG photos of a phone-upload-like size (640x640). A handful are rendered once and reused: rendering one per
 * listing would spend the client's share of the two cores on image encoding instead of load.
 */
final class Photos {

    private static final int SIZE = 640;

    private final List<byte[]> jpegs = new ArrayList<>();

    Photos(int distinct) {
        for (int i = 0; i < distinct; i++) {
            jpegs.add(render(i / (float) distinct));
        }
    }

    byte[] get(int index) {
        return jpegs.get(index % jpegs.size());
    }

    private static byte[] render(float hue) {
        BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D canvas = image.createGraphics();
        try {
            canvas.setPaint(new GradientPaint(0, 0, Color.getHSBColor(hue, 0.35f, 0.95f),
                    SIZE, SIZE, Color.getHSBColor(hue, 0.6f, 0.6f)));
            canvas.fillRect(0, 0, SIZE, SIZE);
            canvas.setColor(Color.WHITE);
            canvas.fillOval(SIZE / 4, SIZE / 4, SIZE / 2, SIZE / 2);
        } finally {
            canvas.dispose();
        }
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpg", jpeg);
        } catch (IOException impossibleInMemory) {
            throw new UncheckedIOException(impossibleInMemory);
        }
        return jpeg.toByteArray();
    }
}
