package dev.jdnn.bench.cli;

import java.nio.file.Path;

/**
 * One whitespace-separated word of the command line or of a batch file, with where it came
 * from, so that a mistake can be reported as {@code file:line}.
 *
 * @param text the word
 * @param file the batch file it was read from, or null for the command line
 * @param line its line in the file (1-based), or its position on the command line (1-based)
 */
public record Token(String text, Path file, int line) {
    /** {@code shapes_resnet_50:12} or {@code command line}. */
    public String where() {
        return file == null ? "command line" : file + ":" + line;
    }
}
