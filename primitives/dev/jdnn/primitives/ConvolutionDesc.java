package dev.jdnn.primitives;

import dev.jdnn.memory.Dims;
import dev.jdnn.memory.MemoryDesc;

/**
 * A convolution: {@code dst[n][g*OCg+oc][o..] = bias[g*OCg+oc] + sum_{ic,k..} src[n][g*ICg+ic][o*S - PL + k*(D+1)..]
 * * weights[g][oc][ic][k..]}, 1-D to 3-D.
 *
 * <p>Weights are {@code [OC, IC, K..]}, or {@code [G, OC/G, IC/G, K..]} when grouped (one more
 * dim than src). Dilation follows oneDNN: 0 is a dense kernel. {@code bias} may be null. For
 * backward propagation, {@code src}/{@code dst} describe the data gradients.
 */
public record ConvolutionDesc(PropKind propKind, MemoryDesc src, MemoryDesc weights, MemoryDesc bias,
        MemoryDesc dst, Dims strides, Dims dilations, Dims padL, Dims padR) implements OpDesc {

    @Override
    public PrimitiveKind kind() {
        return PrimitiveKind.CONVOLUTION;
    }

    @Override
    public String algorithm() {
        return "convolution_direct";
    }

    public boolean hasBias() {
        return bias != null;
    }

    /** Whether the weights carry a groups dimension. */
    public boolean grouped() {
        return weights.ndims() == src.ndims() + 1;
    }

    public long groups() {
        return grouped() ? weights.dim(0) : 1;
    }

    public int spatialDims() {
        return src.ndims() - 2;
    }

    public long mb() {
        return src.dim(0);
    }

    /** Input channels in all groups. */
    public long ic() {
        return src.dim(1);
    }

    /** Output channels in all groups. */
    public long oc() {
        return dst.dim(1);
    }

    /** Kernel size along spatial dim {@code i}. */
    public long kernel(int i) {
        return weights.dim(weights.ndims() - spatialDims() + i);
    }

    /** The same problem with other memory descriptors (an implementation settling layouts). */
    public ConvolutionDesc withMemory(MemoryDesc newSrc, MemoryDesc newWeights, MemoryDesc newBias, MemoryDesc newDst) {
        return new ConvolutionDesc(propKind, newSrc, newWeights, newBias, newDst, strides, dilations, padL, padR);
    }

    /** benchdnn's conv descriptor with every value explicit. */
    @Override
    public String problem() {
        StringBuilder sb = new StringBuilder();
        if (grouped()) {
            sb.append('g').append(groups());
        }
        sb.append("mb").append(mb()).append("ic").append(ic());
        int sp = spatialDims();
        String[] names = sp == 3 ? new String[] {"d", "h", "w"} : sp == 2 ? new String[] {"h", "w"} : new String[] {"w"};
        for (int i = 0; i < sp; i++) {
            sb.append('i').append(names[i]).append(src.dim(2 + i));
        }
        sb.append("oc").append(oc());
        for (int i = 0; i < sp; i++) {
            sb.append('o').append(names[i]).append(dst.dim(2 + i));
        }
        for (int i = 0; i < sp; i++) {
            sb.append('k').append(names[i]).append(kernel(i));
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
