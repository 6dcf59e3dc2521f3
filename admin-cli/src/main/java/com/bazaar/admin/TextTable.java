package com.bazaar.admin;

import java.util.List;

/** Rows printed as aligned columns, the first row being the header; the last column is never padded. */
public final class TextTable {

    private TextTable() {
    }

    public static String of(List<String[]> rows) {
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
