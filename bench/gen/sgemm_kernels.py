#!/usr/bin/env python3
"""Generates engines/dev/jdnn/engines/gemm/VectorMicroKernel.java: the Vector API micro-kernels.

One method per tile shape (rows 1..MAX_ROWS, vectors 1..MAX_VECS), in three families: packed A
(k-major micro-panel, a[aOff + k * rows + i]) with C in an array ("p..a") or a segment ("p..s"),
and unpacked row-major A (a[aOff + i * lda + k]) with C in an array ("k..a") or a segment ("k..s"). Each keeps its whole C tile in
vector locals, runs a straight-line k loop (load the B vectors, broadcast one A element per row,
fused multiply-add), then writes the tile to C with alpha/beta; C is read under a mask that is all-false when beta == 0
(so C is never read then), and the last vector of each row is written under a mask (all lanes for a
full tile), so one straight-line method serves every beta and every column tail.

Run from the repository root:  python3 bench/gen/sgemm_kernels.py
"""
import pathlib

MAX_ROWS = 12
MAX_VECS = 2
OUT = pathlib.Path("engines/dev/jdnn/engines/gemm/VectorMicroKernel.java")


def kernel(mr, nv, seg, packed):
    ctype = "MemorySegment c, long cOff, long ldc" if seg else "float[] c, int cOff, int ldc"
    suffix = "s" if seg else "a"
    L = []
    name = ("p" if packed else "k") + f"{mr}x{nv}{suffix}"
    lda = "" if packed else " int lda,"
    L.append(f"    private static void {name}(int kc, float[] a, int aOff,{lda} float[] b, int bOff, int ldb,")
    L.append(f"            {ctype}, float alpha, float beta, int lastCols) {{")
    for i in range(mr):
        for j in range(nv):
            L.append(f"        FloatVector c{i}_{j} = FloatVector.zero(S);")
    if not packed:
        for i in range(mr):
            L.append(f"        int r{i} = aOff + {i} * lda;")
    L.append("        for (int k = 0; k < kc; k++) {")
    L.append("            int bk = bOff + k * ldb;")
    if packed:
        L.append(f"            int ak = aOff + k * {mr};")
    for j in range(nv):
        L.append(f"            FloatVector b{j} = FloatVector.fromArray(S, b, bk{'' if j == 0 else f' + {j} * VL'});")
    for i in range(mr):
        src = f"a[ak + {i}]" if packed else f"a[r{i} + k]"
        L.append(f"            FloatVector a{i} = FloatVector.broadcast(S, {src});")
        for j in range(nv):
            L.append(f"            c{i}_{j} = a{i}.fma(b{j}, c{i}_{j});")
    L.append("        }")
    # stores
    def addr(i, j):
        if seg:
            return f"(cOff + {i} * ldc{'' if j == 0 else f' + {j} * VL'}) * 4L"
        return f"cOff + {i} * ldc{'' if j == 0 else f' + {j} * VL'}"

    def load(i, j, masked):
        if seg:
            return f"FloatVector.fromMemorySegment(S, c, {addr(i, j)}, NATIVE{', m' if masked else ''})"
        return f"FloatVector.fromArray(S, c, {addr(i, j)}{', m' if masked else ''})"

    def store(expr, i, j, masked):
        if seg:
            return f"{expr}.intoMemorySegment(c, {addr(i, j)}, NATIVE{', m' if masked else ''});"
        return f"{expr}.intoArray(c, {addr(i, j)}{', m' if masked else ''});"

    def block():
        out = []
        for i in range(mr):
            for j in range(nv):
                last = j == nv - 1
                mask = "ml" if last else "mr"
                rd = "rl" if last else "rd"
                if seg:
                    ld = f"FloatVector.fromMemorySegment(S, c, {addr(i, j)}, NATIVE, {rd})"
                    st = f".intoMemorySegment(c, {addr(i, j)}, NATIVE, ml);" if last else f".intoMemorySegment(c, {addr(i, j)}, NATIVE);"
                else:
                    ld = f"FloatVector.fromArray(S, c, {addr(i, j)}, {rd})"
                    st = f".intoArray(c, {addr(i, j)}, ml);" if last else f".intoArray(c, {addr(i, j)});"
                out.append(f"        c{i}_{j}.fma(va, {ld}.mul(vb)){st}")
        return out

    # One store path for every beta: C is read under the mask rd, all-false when beta == 0, so C is
    # never touched then (no NaN can leak) and no branch doubles the code after the k loop (two
    # store paths made C2 compile the whole kernel markedly slower).
    L.append("        FloatVector va = FloatVector.broadcast(S, alpha);")
    L.append("        FloatVector vb = FloatVector.broadcast(S, beta);")
    L.append("        VectorMask<Float> ml = S.indexInRange(0, lastCols);")
    L.append("        VectorMask<Float> rd = S.maskAll(beta != 0f);")
    L.append("        VectorMask<Float> rl = rd.and(ml);")
    L += block()
    L.append("    }")
    return "\n".join(L)


def dispatch(seg, packed):
    ctype = "MemorySegment c, long cOff, long ldc" if seg else "float[] c, int cOff, int ldc"
    suffix = "s" if seg else "a"
    pre = "p" if packed else "k"
    lda = "" if packed else " int lda,"
    ldaArg = "" if packed else " lda,"
    L = []
    L.append("    @Override")
    L.append(f"    public void {'tile' if packed else 'tileDirect'}(int rows, int cols, int kc, float[] a, int aOff,{lda} float[] b, int bOff, int ldb,")
    L.append(f"            {ctype}, float alpha, float beta) {{")
    L.append("        int nv = (cols + VL - 1) / VL;")
    L.append("        int lastCols = cols - (nv - 1) * VL;")
    for nv in (2, 1):
        L.append(f"        {'if (nv == 2) {' if nv == 2 else '} else {'}")
        L.append("            switch (rows) {")
        for r in range(1, MAX_ROWS + 1):
            L.append(f"                case {r} -> {pre}{r}x{nv}{suffix}(kc, a, aOff,{ldaArg} b, bOff, ldb, c, cOff, ldc, alpha, beta, lastCols);")
        L.append("                default -> throw new IllegalArgumentException(\"rows = \" + rows);")
        L.append("            }")
    L.append("        }")
    L.append("    }")
    return "\n".join(L)


HEADER = '''package dev.jdnn.engines.gemm;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

// GENERATED by bench/gen/sgemm_kernels.py: edit the generator, not this file.

/**
 * The Vector API micro-kernels: one straight-line method per tile of {@code rows} x {@code nv}
 * vectors, the whole C tile in vector locals (at most 12 x 2 = 24 accumulators + 2 B vectors +
 * 1 broadcast: 27 of the 32 vector registers of an AVX-512 machine).
 *
 * <p>The species is {@link VectorSupport#isa()}'s width, read once into a static final so that C2
 * folds the lane count into the code. Loaded by name through {@code VectorSupport.load}; never
 * referenced from code that runs without the Vector API.
 */
public final class VectorMicroKernel implements MicroKernel {
    static final VectorSpecies<Float> S = dev.jdnn.engines.VectorSupport.isa() == dev.jdnn.engines.Isa.VECTOR_512
            ? FloatVector.SPECIES_512 : FloatVector.SPECIES_256;
    static final int VL = S.length();
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();
    /** 12 rows when the machine has 32 vector registers (AVX-512 class), else 6 (AVX2: 16 registers). */
    private static final int MR = FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 512 ? 12 : 6;

    /** For {@code VectorSupport.load}. */
    public VectorMicroKernel() {
    }

    @Override
    public int mr() {
        return MR;
    }

    @Override
    public int nr() {
        return 2 * VL;
    }

    @Override
    public int lanes() {
        return VL;
    }

    @Override
    public String name() {
        return "vector" + S.vectorBitSize() + "_" + MR + "x" + (2 * VL);
    }

    @Override
    public void copyPanel(float[] src, int sOff, int lds, int rows, int w, float[] dst, int dOff, int pw) {
        if (w == 2 * VL && pw == w) {
            for (int r = 0; r < rows; r++) {
                int s = sOff + r * lds;
                int d = dOff + r * pw;
                FloatVector.fromArray(S, src, s).intoArray(dst, d);
                FloatVector.fromArray(S, src, s + VL).intoArray(dst, d + VL);
            }
            return;
        }
        for (int r = 0; r < rows; r++) {
            int s = sOff + r * lds;
            int d = dOff + r * pw;
            for (int j = 0; j < pw; j += VL) {
                // lanes past w read nothing and store zeros (the panel's padding)
                VectorMask<Float> m = S.indexInRange(j, w);
                FloatVector.fromArray(S, src, s + j, m).intoArray(dst, d + j);
            }
        }
    }
'''


def main():
    parts = [HEADER.replace("{@link VectorSupport#isa()}", "{@code VectorSupport.isa()}")]
    parts.append(dispatch(False, True))
    parts.append("")
    parts.append(dispatch(True, True))
    parts.append("")
    parts.append(dispatch(False, False))
    parts.append("")
    parts.append(dispatch(True, False))
    for seg, packed in ((False, True), (True, True), (False, False), (True, False)):
        for nv in range(1, MAX_VECS + 1):
            for mr in range(1, MAX_ROWS + 1):
                parts.append("")
                parts.append(kernel(mr, nv, seg, packed))
    parts.append("}")
    OUT.write_text("\n".join(parts) + "\n")


if __name__ == "__main__":
    main()
