package dev.jdnn.primitives;

import dev.jdnn.primitives.ref.RefConvolution;
import dev.jdnn.primitives.ref.RefEltwise;
import dev.jdnn.primitives.ref.RefMatMul;
import dev.jdnn.primitives.ref.RefPooling;
import dev.jdnn.primitives.ref.RefReorder;
import dev.jdnn.primitives.spi.Implementation;
import java.util.List;

/**
 * The ordered implementation list of every primitive kind: fast implementations first, the
 * reference implementation last (it accepts everything the descriptor allows).
 */
final class Implementations {
    private Implementations() {
    }

    static final List<Implementation<ConvolutionDesc>> CONVOLUTION = List.of(new RefConvolution());
    static final List<Implementation<PoolingDesc>> POOLING = List.of(new RefPooling());
    static final List<Implementation<MatMulDesc>> MATMUL = List.of(new RefMatMul());
    static final List<Implementation<EltwiseDesc>> ELTWISE = List.of(new RefEltwise());
    static final List<Implementation<ReorderDesc>> REORDER = List.of(new RefReorder());
}
