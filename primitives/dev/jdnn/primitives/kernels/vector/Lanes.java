package dev.jdnn.primitives.kernels.vector;

import dev.jdnn.engines.Isa;
import dev.jdnn.engines.VectorSupport;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** The float species of the ISA in use: a constant, so C2 sizes every vector operation statically. */
final class Lanes {
    static final VectorSpecies<Float> F = VectorSupport.isa() == Isa.VECTOR_512 ? FloatVector.SPECIES_512
            : FloatVector.SPECIES_256;
    static final int N = F.length();

    private Lanes() {
    }
}
