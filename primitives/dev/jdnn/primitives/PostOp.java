package dev.jdnn.primitives;

import dev.jdnn.memory.JdnnException;
import dev.jdnn.memory.MemoryDesc;

/** One operation fused after a primitive's main computation; see {@link PostOps}. */
public sealed interface PostOp {

    /** {@code dst = scale * alg(dst; alpha, beta)}. */
    record Eltwise(EltwiseAlg alg, float alpha, float beta, float scale) implements PostOp {
        public Eltwise {
            JdnnException.requireNonNull(alg, "eltwise post-op algorithm");
            alg.validate(alpha, beta);
        }
    }

    /** {@code dst = result + scale * dst_before}: accumulate into what the destination held. */
    record Sum(float scale) implements PostOp {
    }

    /**
     * {@code dst = alg(dst, src1)}, with {@code src1} broadcast over the dims where it has size 1.
     * Its memory is passed at execution as {@link Arg#postOpSrc1(int)} with this post-op's index.
     */
    record Binary(BinaryAlg alg, MemoryDesc src1) implements PostOp {
        public Binary {
            JdnnException.requireNonNull(alg, "binary post-op algorithm");
            JdnnException.requireNonNull(src1, "binary post-op src1 descriptor");
            if (src1.isAny()) {
                throw JdnnException.invalid("binary post-op src1 " + src1 + " must have a concrete layout, not any");
            }
        }
    }
}
