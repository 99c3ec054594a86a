package dev.jdnn.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The library is the JPMS module dev.jdnn, depending on nothing but the JDK. */
class ModuleDescriptorTest {
    @Test
    void moduleExportsItsLayersAndNeedsOnlyTheJdk() {
        Path classes = Path.of(System.getProperty("jdnn.test.classes"));
        ModuleDescriptor d = ModuleFinder.of(classes).find("dev.jdnn").orElseThrow().descriptor();
        Set<String> exports = d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
        assertThat(exports).contains("dev.jdnn.memory", "dev.jdnn.engines", "dev.jdnn.primitives");
        assertThat(exports).doesNotContain("dev.jdnn.primitives.ref");
        for (ModuleDescriptor.Requires r : d.requires()) {
            if (r.name().equals("jdk.incubator.vector")) {
                assertThat(r.modifiers()).as("the Vector API must stay optional").contains(ModuleDescriptor.Requires.Modifier.STATIC);
            } else {
                assertThat(r.name()).isEqualTo("java.base");
            }
        }
    }
}
