package dev.jdnn.engines;

import jdk.incubator.vector.FloatVector;

/** Touches the Vector API; loaded by name only after the module is known to be resolved. */
public final class VectorProbe {
    private VectorProbe() {
    }

    /** Bit size of the machine's preferred float species. */
    public static int preferredBits() {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize();
    }
}
