package dev.jdnn.primitives.spi;

import dev.jdnn.engines.Engine;
import dev.jdnn.primitives.Attr;
import dev.jdnn.primitives.OpDesc;

/**
 * One way to compute a primitive kind. Implementations of a kind are tried in order; the first
 * whose {@link #plan} returns wins.
 *
 * @param <D> the operation descriptor type it accepts
 */
public interface Implementation<D extends OpDesc> {
    /** Name shown by queries and verbose output ({@code ref}, {@code gemm:vector}). */
    String name();

    /**
     * Settles the layouts this implementation would use for {@code desc} (resolving {@code ANY})
     * and returns the plan. Throws {@link dev.jdnn.memory.JdnnException} with status
     * {@code UNIMPLEMENTED} and a reason when it does not support the descriptor.
     */
    Plan plan(D desc, Attr attr, Engine engine);
}
