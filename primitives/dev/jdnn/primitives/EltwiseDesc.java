package dev.jdnn.primitives;

import dev.jdnn.memory.MemoryDesc;

/** An element-wise function {@code dst = alg(src; alpha, beta)}; see {@link EltwiseAlg}. */
public record EltwiseDesc(PropKind propKind, EltwiseAlg alg, float alpha, float beta, MemoryDesc src,
        MemoryDesc dst) implements OpDesc {

    @Override
    public PrimitiveKind kind() {
        return PrimitiveKind.ELTWISE;
    }

    @Override
    public String algorithm() {
        return alg.oneDnnName() + " alpha:" + PostOps.fmt(alpha) + " beta:" + PostOps.fmt(beta);
    }

    public EltwiseDesc withMemory(MemoryDesc newSrc, MemoryDesc newDst) {
        return new EltwiseDesc(propKind, alg, alpha, beta, newSrc, newDst);
    }

    /** benchdnn's eltwise descriptor: the dims. */
    @Override
    public String problem() {
        return src.shape().toString();
    }
}
