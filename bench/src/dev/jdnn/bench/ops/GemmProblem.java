package dev.jdnn.bench.ops;

import dev.jdnn.bench.desc.GemmDescriptor;
import dev.jdnn.engines.Engine;
import dev.jdnn.memory.DataType;
import dev.jdnn.memory.FormatTag;
import dev.jdnn.memory.JdnnException;
import dev.jdnn.memory.MemoryDesc;
import dev.jdnn.primitives.MatMul;

/**
 * jdnn's raw SGEMM problem {@code MxNxK[_tA][_tB]} (see {@link GemmDescriptor}): row-major
 * {@code C = A * B} in f32, A stored {@code K x M} when transposed, B stored {@code N x K}.
 *
 * <p>The tested side is jdnn's public SGEMM ({@link #sgemm}); the oracle ({@code impl = "ref"}) is
 * the reference matmul primitive reading A and B through transposed layouts, so both compute the
 * same product from the same stored data. The arguments are named as matmul's: {@code src} is A,
 * {@code wei} is B, {@code dst} is C.
 */
public final class GemmProblem implements Problem {
    /** The implementation name {@code --impl} must give to time the oracle instead of SGEMM. */
    public static final String REFERENCE = "ref";

    private final GemmDescriptor desc;
    private final Options options;

    public GemmProblem(String descriptor, Options options) {
        this.desc = GemmDescriptor.parse(descriptor);
        this.options = options;
    }

    public GemmDescriptor desc() {
        return desc;
    }

    @Override
    public String driver() {
        return "gemm";
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
    public String csvValues() {
        return desc.m() + "," + desc.n() + "," + desc.k() + "," + (desc.transA() ? "T" : "N") + "," + (desc.transB() ? "T" : "N");
    }

    @Override
    public long accumulationLength() {
        return desc.k();
    }

    @Override
    public Operation prepare(Engine engine, String impl) {
        Problems.requireSupported(this, java.util.Set.of());
        String chosen = Problems.implOf(options, impl);
        if (REFERENCE.equals(chosen)) {
            return referenceMatMul(engine);
        }
        return sgemm(engine);
    }

    /** jdnn's public SGEMM ({@code dev.jdnn.engines.gemm.Sgemm}) on this problem's f32 operands. */
    private Operation sgemm(Engine engine) {
        if (options.dt() != DataType.F32) {
            throw JdnnException.unimplemented("--gemm: jdnn's SGEMM is f32 only, got --dt=" + options.dt());
        }
        return new SgemmOperation(engine, desc.transA(), desc.transB(), desc.m(), desc.n(), desc.k());
    }

    /** The reference matmul on the same stored data: transposed storage is a {@code ba} layout. */
    private Operation referenceMatMul(Engine engine) {
        MemoryDesc a = MemoryDesc.of(new long[] {desc.m(), desc.k()}, options.dt(), desc.transA() ? FormatTag.BA : FormatTag.AB);
        MemoryDesc b = MemoryDesc.of(new long[] {desc.k(), desc.n()}, options.dt(), desc.transB() ? FormatTag.BA : FormatTag.AB);
        MemoryDesc c = MemoryDesc.of(new long[] {desc.m(), desc.n()}, options.dt(), FormatTag.AB);
        return new PrimitiveOperation(MatMul.of(engine, a, b, null, c).implementation(REFERENCE).build());
    }

    /** Dims of A as stored: {@code M x K}, or {@code K x M} when transposed. */
    public long[] storedA() {
        return desc.transA() ? new long[] {desc.k(), desc.m()} : new long[] {desc.m(), desc.k()};
    }

    /** Dims of B as stored: {@code K x N}, or {@code N x K} when transposed. */
    public long[] storedB() {
        return desc.transB() ? new long[] {desc.n(), desc.k()} : new long[] {desc.k(), desc.n()};
    }
}
