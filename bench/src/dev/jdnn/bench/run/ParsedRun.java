package dev.jdnn.bench.run;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything a command line asks for: the jobs in order and where to write the HTML report.
 *
 * @param jobs   the problems and JSON cases, in the order they were read
 * @param report {@code --report=FILE.html}, or null
 */
public record ParsedRun(List<Job> jobs, Path report) {
}
