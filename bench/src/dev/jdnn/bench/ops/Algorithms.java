package dev.jdnn.bench.ops;

import dev.jdnn.bench.desc.BadInputException;
import dev.jdnn.bench.desc.BenchdnnNames;
import dev.jdnn.memory.JdnnException;
import dev.jdnn.primitives.BinaryAlg;
import dev.jdnn.primitives.EltwiseAlg;

/**
 * Algorithm names as benchdnn writes them, mapped to jdnn's. A name benchdnn does not know is a
 * user mistake ({@link BadInputException}); a benchdnn algorithm jdnn lacks is UNIMPLEMENTED.
 */
final class Algorithms {
    private Algorithms() {
    }

    static EltwiseAlg eltwise(String name, String where) {
        if (!BenchdnnNames.isEltwise(name)) {
            throw new BadInputException(where + ": '" + name + "' is not an eltwise algorithm benchdnn knows");
        }
        try {
            return EltwiseAlg.of(name);
        } catch (JdnnException e) {
            throw JdnnException.unimplemented(where + ": jdnn has no eltwise algorithm '" + name + "'");
        }
    }

    static BinaryAlg binary(String name, String where) {
        if (!BenchdnnNames.isBinary(name)) {
            throw new BadInputException(where + ": '" + name + "' is not a binary algorithm benchdnn knows");
        }
        try {
            return BinaryAlg.of(name);
        } catch (JdnnException e) {
            throw JdnnException.unimplemented(where + ": jdnn has no binary algorithm '" + name + "'");
        }
    }
}
