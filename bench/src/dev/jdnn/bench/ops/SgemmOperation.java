package dev.jdnn.bench.ops;

import dev.jdnn.engines.Engine;
import dev.jdnn.engines.gemm.Sgemm;
import dev.jdnn.memory.DataType;
import dev.jdnn.memory.FormatTag;
import dev.jdnn.memory.Memory;
import dev.jdnn.memory.MemoryDesc;
import dev.jdnn.primitives.Arg;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * jdnn's public SGEMM as an {@link Operation}: {@code C = A * B} on {@code float[]} operands
 * (the core's fastest path). The memories carry the same logical descriptors as the reference
 * matmul's, so the correctness check copies inputs between them unchanged: A is {@code M x K},
 * stored transposed ({@code ba}, leading dimension M) for {@code _tA}; likewise B.
 */
final class SgemmOperation implements Operation {
    private final Engine engine;
    private final boolean transA;
    private final boolean transB;
    private final int m;
    private final int n;
    private final int k;
    private final float[] a;
    private final float[] b;
    private final float[] c;
    private final Map<Arg, Memory> memories = new LinkedHashMap<>();

    SgemmOperation(Engine engine, boolean transA, boolean transB, long m, long n, long k) {
        this.engine = engine;
        this.transA = transA;
        this.transB = transB;
        this.m = Math.toIntExact(m);
        this.n = Math.toIntExact(n);
        this.k = Math.toIntExact(k);
        this.a = new float[Math.multiplyExact(this.m, this.k)];
        this.b = new float[Math.multiplyExact(this.k, this.n)];
        this.c = new float[Math.multiplyExact(this.m, this.n)];
        memories.put(Arg.SRC, Memory.wrap(matrix(m, k, transA), a));
        memories.put(Arg.WEIGHTS, Memory.wrap(matrix(k, n, transB), b));
        memories.put(Arg.DST, Memory.wrap(matrix(m, n, false), c));
    }

    private static MemoryDesc matrix(long rows, long cols, boolean transposed) {
        return MemoryDesc.of(new long[] {rows, cols}, DataType.F32, transposed ? FormatTag.BA : FormatTag.AB);
    }

    @Override
    public String implName() {
        return "sgemm:" + Sgemm.kernelName();
    }

    @Override
    public Map<Arg, Memory> arguments() {
        return Collections.unmodifiableMap(memories);
    }

    @Override
    public boolean isOutput(Arg arg) {
        return arg.equals(Arg.DST);
    }

    @Override
    public void execute() {
        Sgemm.sgemm(engine, transA, transB, m, n, k, 1f, a, 0, transA ? m : k, b, 0, transB ? k : n, 0f, c, 0, n);
    }

    @Override
    public void close() {
        memories.values().forEach(Memory::close);
    }
}
