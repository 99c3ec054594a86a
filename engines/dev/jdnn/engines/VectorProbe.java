package dev.jdnn.engines;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/** Touches the Vector API; loaded by name only after the module is known to be resolved. */
public final class VectorProbe {
    private static final Class<?>[] ELEMENT_TYPES = {byte.class, short.class, int.class, long.class, float.class,
        double.class};

    private VectorProbe() {
    }

    /**
     * Bit size of the machine's preferred float species. First loads the vector, mask and shuffle
     * classes of every element type and shape, so that none is loaded after kernels are compiled: C2
     * compiles Vector API code under class-hierarchy assumptions (which classes extend the API's
     * abstract vector, mask and shuffle classes), and loading a new one throws away every compiled
     * kernel. The first int vector (gelu_erf builds 2^n in the exponent bits), made after the GEMM
     * warm-up, sent all the micro-kernels back to the interpreter while C2 recompiled them: a
     * 128x768x768 matmul took 230 ms a call instead of 2 for over a second.
     */
    public static int preferredBits() {
        for (Class<?> type : ELEMENT_TYPES) {
            for (VectorShape shape : VectorShape.values()) {
                VectorSpecies<?> species = VectorSpecies.of(type, shape);
                species.zero();
                species.maskAll(true);
                species.iotaShuffle(0, 1, true);
            }
        }
        return FloatVector.SPECIES_PREFERRED.vectorBitSize();
    }
}
