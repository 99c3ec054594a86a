package dev.jdnn.primitives;

import dev.jdnn.memory.MemoryDesc;

/**
 * An inner product (fully connected layer):
 * {@code dst[n][oc] = bias[oc] + sum_{ic, s..} src[n][ic][s..] * weights[oc][ic][s..]}.
 * src is {@code [MB, IC, (D,) (H,) (W)]} (rank 2 to 5), weights {@code [OC, IC, (D,) (H,) (W)]}
 * of the same rank, bias {@code [OC]} or null, dst {@code [MB, OC]}. The sum runs over logical
 * indices, so any layout works as long as src and weights describe the same logical tensor
 * (an {@code nhwc} src pairs naturally with {@code ohwi} weights: both flatten as (h, w, c)).
 *
 * <p>For backward data, {@code src} and {@code dst} describe diff_src and diff_dst; for backward
 * weights, {@code weights} and {@code bias} describe diff_weights and diff_bias.
 */
public record InnerProductDesc(PropKind propKind, MemoryDesc src, MemoryDesc weights, MemoryDesc bias,
        MemoryDesc dst) implements OpDesc {

    @Override
    public PrimitiveKind kind() {
        return PrimitiveKind.INNER_PRODUCT;
    }

    @Override
    public String algorithm() {
        return "";
    }

    public boolean hasBias() {
        return bias != null;
    }

    public long mb() {
        return src.dim(0);
    }

    public long ic() {
        return src.dim(1);
    }

    public long oc() {
        return dst.dim(1);
    }

    /** Product of the spatial dims (1 without them). */
    public long spatial() {
        long s = 1;
        for (int i = 2; i < src.ndims(); i++) {
            s *= src.dim(i);
        }
        return s;
    }

    public InnerProductDesc withMemory(MemoryDesc newSrc, MemoryDesc newWeights, MemoryDesc newBias, MemoryDesc newDst) {
        return new InnerProductDesc(propKind, newSrc, newWeights, newBias, newDst);
    }

    /** benchdnn's ip descriptor: {@code mb2ic64ih7iw7oc1000}. */
    @Override
    public String problem() {
        StringBuilder sb = new StringBuilder("mb").append(mb()).append("ic").append(ic());
        String[] names = src.ndims() == 5 ? new String[] {"id", "ih", "iw"} : src.ndims() == 4 ? new String[] {"ih", "iw"}
                : new String[] {"iw"};
        for (int i = 2; i < src.ndims(); i++) {
            sb.append(names[i - 2]).append(src.dim(i));
        }
        return sb.append("oc").append(oc()).toString();
    }
}
