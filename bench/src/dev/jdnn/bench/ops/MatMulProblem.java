package dev.jdnn.bench.ops;

import dev.jdnn.bench.desc.MatMulDescriptor;
import dev.jdnn.engines.Engine;
import dev.jdnn.memory.FormatTag;
import dev.jdnn.memory.MemoryDesc;
import dev.jdnn.primitives.Attr;
import dev.jdnn.primitives.MatMul;
import dev.jdnn.primitives.PrimitiveDesc;
import dev.jdnn.primitives.PrimitiveKind;

/**
 * A matmul problem {@code src:weights[:dst]}. Layouts default to plain row-major (benchdnn's
 * {@code abx}; {@code --wtag=any} lets the implementation choose); a bias is added when
 * {@code --bia-dt} is set, over the dst dims in {@code --bia_mask} (default 2: one per column).
 */
public final class MatMulProblem implements PrimitiveProblem {
    private final MatMulDescriptor desc;
    private final Options options;

    public MatMulProblem(String descriptor, Options options) {
        this.desc = MatMulDescriptor.parse(descriptor);
        this.options = options;
    }

    public MatMulDescriptor desc() {
        return desc;
    }

    @Override
    public String driver() {
        return "matmul";
    }

    @Override
    public String descriptor() {
        return desc.toString();
    }

    @Override
    public String name() {
        return desc.name();
    }

    @Override
    public Options options() {
        return options;
    }

    @Override
    public double flops() {
        return desc.flops();
    }

    @Override
    public long accumulationLength() {
        return desc.src()[desc.src().length - 1];
    }

    @Override
    public PrimitiveKind kind() {
        return PrimitiveKind.MATMUL;
    }

    @Override
    public PrimitiveDesc build(Engine engine, String impl) {
        int rank = desc.dst().length;
        MemoryDesc src = MemoryDesc.of(desc.src(), options.dt(), tag(options.stag(), rank, "--stag"));
        MemoryDesc wei = MemoryDesc.of(desc.weights(), options.dt(), tag(options.wtag(), rank, "--wtag"));
        MemoryDesc dst = MemoryDesc.of(desc.dst(), options.dt(), tag(options.dtag(), rank, "--dtag"));
        MemoryDesc bias = null;
        if (options.biasDt() != null) {
            long[] dims = new long[rank];
            for (int i = 0; i < rank; i++) {
                dims[i] = (options.biasMask() & 1 << i) != 0 ? desc.dst()[i] : 1;
            }
            bias = MemoryDesc.of(dims, options.biasDt(), FormatTag.plain(rank));
        }
        Attr attr = AttrParser.parse(options.postOps(), options.oscale(), desc.dst(), rank - 1);
        return MatMul.of(engine, src, wei, bias, dst).attr(attr).implementation(Problems.implOf(options, impl)).build();
    }

    /** benchdnn's matmul takes plain layouts unless told otherwise. */
    private static FormatTag tag(String tag, int rank, String option) {
        return tag.equals("any") ? FormatTag.plain(rank) : Tags.resolve(tag, rank, option);
    }
}
