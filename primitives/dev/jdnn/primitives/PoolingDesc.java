package dev.jdnn.primitives;

import dev.jdnn.memory.Dims;
import dev.jdnn.memory.MemoryDesc;

/**
 * A pooling: each dst point reduces a (dilated) window of src, per channel, 1-D to 3-D.
 * Dilation follows oneDNN: 0 is dense. A window lying wholly in the padding gives, for max, the
 * lowest float (as oneDNN's reference) and, for average excluding padding, 0.
 */
public record PoolingDesc(PropKind propKind, PoolingAlg alg, MemoryDesc src, MemoryDesc dst, Dims kernel,
        Dims strides, Dims dilations, Dims padL, Dims padR) implements OpDesc {

    @Override
    public PrimitiveKind kind() {
        return PrimitiveKind.POOLING;
    }

    @Override
    public String algorithm() {
        return alg.oneDnnName();
    }

    public int spatialDims() {
        return src.ndims() - 2;
    }

    /** Whether forward training must write a workspace for backward (max pooling). */
    public boolean needsWorkspace() {
        return alg == PoolingAlg.MAX && propKind == PropKind.FORWARD_TRAINING;
    }

    public PoolingDesc withMemory(MemoryDesc newSrc, MemoryDesc newDst) {
        return new PoolingDesc(propKind, alg, newSrc, newDst, kernel, strides, dilations, padL, padR);
    }

    /** benchdnn's pool descriptor with every value explicit. */
    @Override
    public String problem() {
        StringBuilder sb = new StringBuilder("mb").append(src.dim(0)).append("ic").append(src.dim(1));
        int sp = spatialDims();
        String[] names = sp == 3 ? new String[] {"d", "h", "w"} : sp == 2 ? new String[] {"h", "w"} : new String[] {"w"};
        for (int i = 0; i < sp; i++) {
            sb.append('i').append(names[i]).append(src.dim(2 + i));
        }
        for (int i = 0; i < sp; i++) {
            sb.append('o').append(names[i]).append(dst.dim(2 + i));
        }
        for (int i = 0; i < sp; i++) {
            sb.append('k').append(names[i]).append(kernel.get(i));
        }
        for (int i = 0; i < sp; i++) {
            sb.append('s').append(names[i]).append(strides.get(i));
        }
        for (int i = 0; i < sp; i++) {
            sb.append('p').append(names[i]).append(padL.get(i));
        }
        for (int i = 0; i < sp; i++) {
            sb.append('d').append(names[i]).append(dilations.get(i));
        }
        return sb.toString();
    }
}
