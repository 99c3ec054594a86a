package dev.jdnn.bench.cli;

import dev.jdnn.bench.ops.Options;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The cartesian product of a driver's comma lists: every combination of one element per option,
 * in the driver's option order (the first option varies slowest), applied to a base.
 */
final class OptionProduct {
    private OptionProduct() {
    }

    /** One {@link Options} per combination of the elements of {@code values} (option name -> comma list). */
    static List<Options> expand(String driver, Map<String, String> values, Options base) {
        List<Options> out = new ArrayList<>();
        out.add(base);
        for (DriverOption option : DriverOptions.of(driver).values()) {
            String value = values.get(option.name());
            if (value == null) {
                continue;
            }
            List<Options> next = new ArrayList<>();
            for (Options o : out) {
                for (String element : value.split(",", -1)) {
                    next.add(option.apply().apply(o, element));
                }
            }
            out = next;
        }
        return out;
    }
}
