package com.bazaar.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * One PNG per store: every compared figure's cost as a multiple of its baseline's (1 = as cheap as the raw store or
 * the empty application) against the number of stored events, both axes logarithmic.
 */
final class StoreChart {

    private StoreChart() {}

    static void write(String store, List<StoreRow> rows, Path file) {
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        for (StoreRow row : rows) {
            double factor = row.costFactor();
            if (row.store().equals(store) && !Double.isNaN(factor) && !Double.isInfinite(factor) && factor > 0) {
                // Feed reads carry their listing count in the figure; one series per read, whatever the size.
                String name = row.figure().replaceFirst(" @ .*", "");
                series.computeIfAbsent(name, key -> new ArrayList<>()).add(new double[] {row.events(), factor});
            }
        }
        XYChart chart = new XYChartBuilder()
                .width(1400)
                .height(900)
                .title("Bazaar on " + store + ": cost relative to its baseline, by store size")
                .xAxisTitle("events stored")
                .yAxisTitle("cost ÷ baseline cost (1 = baseline)")
                .build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        series.forEach((name, points) -> {
            double[] x = points.stream().mapToDouble(p -> p[0]).toArray();
            double[] y = points.stream().mapToDouble(p -> p[1]).toArray();
            chart.addSeries(name, x, y).setMarker(SeriesMarkers.CIRCLE);
        });
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (!series.isEmpty()) {
                BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
