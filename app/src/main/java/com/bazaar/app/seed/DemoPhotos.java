package com.bazaar.app.seed;

import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Renders a placeholder product photo (a JPEG with the title on a gradient, 640x640 like a phone upload), so demo
 * listings have real images. Public for the bench, which uploads the same kind of photo.
 */
public final class DemoPhotos {

    private static final int SIZE = 640;

    private DemoPhotos() {}

    public static byte[] render(String title, int photoNumber, long seed) {
        BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D canvas = image.createGraphics();
        try {
            canvas.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            float hue = Math.floorMod(seed * 31 + photoNumber * 7, 360) / 360f;
            canvas.setPaint(new GradientPaint(
                    0, 0, Color.getHSBColor(hue, 0.35f, 0.95f), SIZE, SIZE, Color.getHSBColor(hue, 0.6f, 0.6f)));
            canvas.fillRect(0, 0, SIZE, SIZE);
            canvas.setColor(Color.WHITE);
            canvas.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 34));
            int y = SIZE / 2 - 40;
            for (String line : wrap(title, 28)) {
                canvas.drawString(line, 40, y);
                y += 44;
            }
            canvas.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 24));
            canvas.drawString("photo " + photoNumber, 40, SIZE - 40);
        } finally {
            canvas.dispose();
        }
        return jpeg(image);
    }

    /**
     * A camera-sized photo (e.g. 4032x3024, a 12 MP phone): a gradient with sensor-like noise, so it compresses like
     * a picture taken with a phone rather than like a flat graphic. For tests and the bench's image-bytes figure.
     */
    public static byte[] camera(int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D canvas = image.createGraphics();
        float hue = Math.floorMod(seed * 31, 360) / 360f;
        canvas.setPaint(new GradientPaint(
                0, 0, Color.getHSBColor(hue, 0.5f, 0.8f), width, height, Color.getHSBColor(hue + 0.5f, 0.5f, 0.5f)));
        canvas.fillRect(0, 0, width, height);
        canvas.dispose();
        Random noise = new Random(seed);
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            image.getRGB(0, y, width, 1, row, 0, width);
            for (int x = 0; x < width; x++) {
                int delta = noise.nextInt(17) - 8;
                row[x] = channel(row[x] >> 16, delta) << 16 | channel(row[x] >> 8, delta) << 8 | channel(row[x], delta);
            }
            image.setRGB(0, y, width, 1, row, 0, width);
        }
        return jpeg(image);
    }

    private static int channel(int value, int delta) {
        return Math.max(0, Math.min(255, (value & 0xff) + delta));
    }

    private static byte[] jpeg(BufferedImage image) {
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpg", jpeg);
        } catch (IOException impossibleInMemory) {
            throw new UncheckedIOException(impossibleInMemory);
        }
        return jpeg.toByteArray();
    }

    private static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() + word.length() + 1 > width && !line.isEmpty()) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.isEmpty() ? "" : " ").append(word);
        }
        lines.add(line.toString());
        return lines;
    }
}
