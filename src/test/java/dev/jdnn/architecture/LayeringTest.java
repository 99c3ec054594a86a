package dev.jdnn.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point one way: memory <- engines <- primitives <- bench. A source file of a layer
 * may not mention (import or fully qualify) a package of a layer above it.
 */
class LayeringTest {
    private static final List<String> LAYERS = List.of("memory", "engines", "primitives", "bench");
    private static final Pattern REFERENCE = Pattern.compile("\\bdev\\.jdnn\\.(memory|engines|primitives|bench)\\b");

    @Test
    void noLayerReferencesALayerAboveIt() throws IOException {
        Path root = Path.of(System.getProperty("user.dir"));
        List<String> violations = new ArrayList<>();
        int files = 0;
        for (String layer : LAYERS) {
            Path dir = root.resolve(layer.equals("bench") ? "bench/src" : layer);
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path f : walk.filter(p -> p.toString().endsWith(".java")).toList()) {
                    files++;
                    violations.addAll(check(f, layer, Files.readString(f)));
                }
            }
        }
        assertThat(files).isGreaterThan(40);
        assertThat(violations).isEmpty();
    }

    @Test
    void theCheckCatchesAnUpwardImport() {
        assertThat(check(Path.of("X.java"), "engines", "import dev.jdnn.primitives.Arg;")).hasSize(1);
        assertThat(check(Path.of("X.java"), "memory", "var e = dev.jdnn.engines.Engine.cpu();")).hasSize(1);
        assertThat(check(Path.of("X.java"), "primitives", "import dev.jdnn.engines.Engine;")).isEmpty();
    }

    private static List<String> check(Path file, String layer, String source) {
        List<String> out = new ArrayList<>();
        int own = LAYERS.indexOf(layer);
        Matcher m = REFERENCE.matcher(source);
        while (m.find()) {
            if (LAYERS.indexOf(m.group(1)) > own && !file.endsWith("module-info.java")) {
                out.add(file + ": " + layer + " references dev.jdnn." + m.group(1));
            }
        }
        return out;
    }
}
