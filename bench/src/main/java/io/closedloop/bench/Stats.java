package io.closedloop.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

final class Stats {

    private Stats() {
    }

    /** Nearest-rank percentile, p in [0, 100]. */
    static double percentile(List<? extends Number> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = sorted(values);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    /** The middle value, or the mean of the two middle values of an even count (nearest rank would take the lower). */
    static double median(List<? extends Number> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = sorted(values);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static List<Double> sorted(List<? extends Number> values) {
        List<Double> sorted = new ArrayList<>(values.stream().map(Number::doubleValue).toList());
        Collections.sort(sorted);
        return sorted;
    }
}
