package dev.jdnn.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * On the class path without {@code --add-modules jdk.incubator.vector}, jdnn still works, on
 * scalar code, and says once how to enable the vector path. Checked in a fresh JVM.
 */
class ScalarFallbackTest {
    @Test
    void worksWithoutTheVectorModuleAndSaysOnceHowToEnableIt() throws Exception {
        String javaBin = ProcessHandle.current().info().command().orElseThrow();
        String classes = System.getProperty("jdnn.test.classes");
        Path tests = Path.of(ScalarFallbackMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Process p = new ProcessBuilder(List.of(javaBin, "-cp", classes + File.pathSeparator + tests,
                ScalarFallbackMain.class.getName())).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(err).isZero();
        assertThat(out).contains("isa=SCALAR").contains("result=[4.0, 6.0, 4.0, 6.0, 9.0, 6.0, 4.0, 6.0, 4.0]");
        String hint = "--add-modules jdk.incubator.vector";
        assertThat(err.split(java.util.regex.Pattern.quote(hint), -1)).as(err).hasSize(2);
        assertThat(err).contains("jdnn runs on scalar code");
        assertThat(err).doesNotContain("Exception");
    }
}
