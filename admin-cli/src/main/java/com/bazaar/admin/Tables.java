package com.bazaar.admin;

import java.util.List;

/** Plain-text tables for the commands' output: columns padded to their widest cell, the last one left as it is. */
public final class Tables {

    private Tables() {}

    /** {@code rows} with the header first; every row has the header's number of cells. */
    public static String format(List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder table = new StringBuilder();
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                table.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            table.append(System.lineSeparator());
        }
        return table.toString();
    }
}
