package dev.jdnn.bench.run;

import dev.jdnn.bench.json.OpCase;
import dev.jdnn.bench.ops.Problem;

/** One unit of work of a run: a benchdnn problem, or a JSON op-test case. */
public sealed interface Job {
    RunSettings settings();

    /** A problem read from a descriptor, with the common options in force there. */
    record ProblemJob(Problem problem, RunSettings settings) implements Job {
    }

    /** A JSON op-test case ({@code --json}), reported like a correctness problem. */
    record JsonJob(OpCase testCase, RunSettings settings) implements Job {
    }
}
