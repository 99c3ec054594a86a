#!/usr/bin/env python3
"""Generates engines/dev/jdnn/engines/gemm/VectorMicroKernel.java: the Vector API micro-kernels.

One kernel per way of reading A, each computing a full tile of MR rows x 2 vectors: packed A
(k-major micro-panel, a[aOff + k * MR + i]) or unpacked row-major A (a[aOff + i * lda + k]), and per
kind of C: a native memory segment, or a float[] (whole tiles of the full and 8-row heights; every
other tile of an array C goes through the scratch tile). Each kernel meets one kind of C only: a
kernel C2 compiled for native segments trapped and recompiled when a heap one arrived. Row tails
have kernels of 8 and of 1-4 rows, column tails of at most one vector kernels one vector wide
(narrow: N = 40 is 32 + 8). MR is 12 on
machines with 32 vector registers (AVX-512) and 6 on those with 16 (AVX2); both heights are
generated and the machine's is used.

The kernels have no data-dependent branch and no partial masks: a tail tile (fewer rows or columns)
is computed whole into a per-thread scratch tile and merged into C by plain code (see
VectorMicroKernel's header). That matters on a JVM: C1 cannot compile these kernels (too many live
vectors), so they run interpreted until C2 compiles them, and any path C2 saw no profile for (a rare
tile shape, a partial mask, a vector reaching past an array's end) makes its code trap, deoptimize
and run interpreted again, many times slower, until it is recompiled. A handful of straight-line
kernels get hot at once and stay compiled.

Each kernel keeps its whole C tile in vector locals, runs a straight-line k loop (load two B
vectors, broadcast one A element per row, fused multiply-add), then writes C = alpha * acc + beta * C.
When beta == 0 (the first K block: every GEMM with a short K) it stores alpha * acc without touching C;
otherwise C is read under a mask that is all-false for beta == 0 (so a kernel given beta == 0 on that
path still never reads C). The plain stores matter where C is cold: a masked load of a C line, even
all-false, stalled each tile's stores on memory (a batch of 1536 128x128x64 GEMMs writing 100 MB of C:
100 -> 155 GFLOP/s; square GEMMs unchanged).

Run from the repository root:  python3 bench/gen/sgemm_kernels.py
"""
import pathlib

HEIGHTS = (12, 6)
# Short kernels, exactly 1-4 rows, for row tails of at most 4 rows (a small batch through an inner
# product or a linear layer): a full-height kernel would spend 3-12x the FMAs on padding rows. Their
# packed A panels are unpadded (k stride = their height, see panelRows).
SHORT = (1, 2, 3, 4)
# Row tails of 5-8 rows on a 12-row machine run an 8-row kernel (16 accumulators) rather than the
# full height: M = 128 (10 x 12 + 8) or 40 (3 x 12 + 4, a short tail) is common in DL shapes. It reads
# the same packed panels (k stride MR); tails of 1-4 rows run the short kernels.
TAIL_HEIGHTS = (8,)
# k steps in the never-executed block that keeps C1 away (see kernel()): checked by KernelJitTest
BALLAST_STEPS = {12: 3, 6: 15, 8: 6, 4: 0, 3: 0, 2: 0, 1: 0}
# The full-height kernels: more k steps would take a kernel past 8000 bytecodes (never compiled by
# any tier), so their ballast adds masked segment stores into C (a view of it for an array C), never
# executed, as the short kernels do.
BALLAST_STORES_FULL = {12: 24, 6: 24, 8: 24}
# masked C loads and stores in the short kernels' never-executed block (see kernel()). C1's bailout
# is not monotonic in it: with the beta == 0 store path, 16 and 48-64 made C1 give up on every short
# kernel in every run tried, 24 and 32 not always (KernelJitTest catches that).
BALLAST_STORES = {4: 64, 3: 64, 2: 64, 1: 64}
# masked C loads and stores in the rank kernels' never-executed block (see rank_kernel())
RANK_BALLAST_STORES = 48
OUT = pathlib.Path("engines/dev/jdnn/engines/gemm/VectorMicroKernel.java")


def name(mr, seg, packed, bseg=False, panel=False):
    return ("p" if packed else "k") + f"{mr}" + ("s" if seg else "a") + ("b" if bseg else "") + ("p" if panel else "")


def native_casts(bseg, cseg):
    """The segment operands cast to the native segment class (see NATIVE_SEGMENT)."""
    return (["        b = NATIVE_SEGMENT.cast(b);"] if bseg else []) + (["        c = NATIVE_SEGMENT.cast(c);"] if cseg else [])


def b_stride(panel):
    """The k stride of B in a kernel: its ldb, or for the panel kernels the panel width as a constant."""
    return "(2L * VL)" if panel else "ldb"


def kernel(mr, seg, packed, bseg=False, panel=False):
    """bseg: B read in place from a (native) memory segment, offsets in floats. panel: B is packed panels
    (rows 2 * VL floats apart, a constant; see the class comment)."""
    short = mr in SHORT
    # packed A's k stride: a short kernel's own height (its panel is packed unpadded, see panelRows),
    # else the machine's panel height
    stride = "MR" if mr in TAIL_HEIGHTS else mr
    ctype = "MemorySegment c, long cOff, long ldc" if seg else "float[] c, int cOff, int ldc"
    lda = "" if packed else " int lda, int rows,"
    btype = "MemorySegment b, long bOff, long ldb" if bseg else "float[] b, int bOff, int ldb"
    L = [f"    private static void {name(mr, seg, packed, bseg, panel)}(int kc, float[] a, int aOff,{lda} {btype},",
         f"            {ctype}, float alpha, float beta) {{"]
    L += native_casts(bseg, seg)
    for i in range(mr):
        for j in range(2):
            L.append(f"        FloatVector c{i}_{j} = FloatVector.zero(S);")
    if not packed and short:
        for i in range(mr):
            L.append(f"        int r{i} = aOff + {i} * lda;")
    elif not packed:
        # rows past a tail's read row 0 again (valid memory; never stored): (i - rows) >>> 31 is 1
        # for a real row, and arithmetic rather than a branch keeps the code free of traps
        L.append("        int r0 = aOff;")
        for i in range(1, mr):
            L.append(f"        int r{i} = aOff + {i} * (({i} - rows) >>> 31) * lda;")
    def step(kexpr, indent):
        out = [f"{indent}{'long' if bseg else 'int'} bk = bOff + ({kexpr}) * {b_stride(panel)};"]
        if packed:
            out.append(f"{indent}int ak = aOff + ({kexpr}) * {stride};")
        if bseg:
            out.append(f"{indent}FloatVector b0 = FloatVector.fromMemorySegment(S, b, bk * 4L, NATIVE);")
            out.append(f"{indent}FloatVector b1 = FloatVector.fromMemorySegment(S, b, (bk + VL) * 4L, NATIVE);")
        else:
            out.append(f"{indent}FloatVector b0 = FloatVector.fromArray(S, b, bk);")
            out.append(f"{indent}FloatVector b1 = FloatVector.fromArray(S, b, bk + VL);")
        for i in range(mr):
            src = f"a[ak + {i}]" if packed else f"a[r{i} + {kexpr}]"
            out.append(f"{indent}FloatVector a{i} = FloatVector.broadcast(S, {src});")
            for j in range(2):
                out.append(f"{indent}c{i}_{j} = a{i}.fma(b{j}, c{i}_{j});")
        return out
    L.append("        for (int k = 0; k < kc; k++) {")
    L += step("k", "            ")
    L.append("        }")
    # Ballast for C1, never executed (kc is never negative): C1 compiles every path and runs out of
    # registers on this one, so it gives up on the kernel at every tier and the kernel goes from the
    # interpreter straight to C2, which compiles the never-taken branch to a trap and none of its
    # code. Without it C1 could compile the kernel at tier 2 (HotSpot does when C2's queue is busy):
    # C1 cannot intrinsify the Vector API, and that code was measured ~100x slower and never
    # promoted to C2 once the tier-3 compile failed. (Unrolling the loop instead made C2's code a
    # third slower.) KernelJitTest checks that C1 gives up.
    if BALLAST_STEPS[mr]:
        L.append("        if (kc < 0) {")
        for u in range(BALLAST_STEPS[mr]):
            L.append("            {")
            L += step(f"{u}", "                ")
            L.append("            }")
        L.append("        }")
    L.append("        FloatVector va = FloatVector.broadcast(S, alpha);")
    L.append("        FloatVector vb = FloatVector.broadcast(S, beta);")
    # The C update below loads C unmasked (beta != 0 there, so every lane is read). A masked load
    # compiles to an in-range path and an out-of-range one, and the JDK profiles that branch once for
    # every caller: after any masked load near a segment's end (the narrow kernels' tails) C2 inlined
    # the out-of-range path 24 times into each kernel, and the k loop of the row-major-A segment
    # kernels then ran at 141-155 GFLOP/s instead of 186-217 (12 x 32 tile, K = 256, after
    # Sgemm.warmUp: 4 JVMs of 10; unmasked, 190-214 in 14 of 14). The masked form survives only in
    # the never-executed ballast, where C1 needs it.
    ballast_mask = "            VectorMask<Float> rd = vb.compare(VectorOperators.NE, 0f);"
    def store(i, j, indent, masked=False):
        off = f"cOff + {i} * ldc{'' if j == 0 else ' + VL'}"
        mask = ", rd" if masked else ""
        if seg:
            ld = f"FloatVector.fromMemorySegment(S, c, ({off}) * 4L, NATIVE{mask})"
            st = f".intoMemorySegment(c, ({off}) * 4L, NATIVE);"
        else:
            ld = f"FloatVector.fromArray(S, c, {off}{mask})"
            st = f".intoArray(c, {off});"
        return f"{indent}c{i}_{j}.fma(va, {ld}.mul(vb)){st}"
    # The short kernels' ballast: their k steps are too light to exhaust C1 within the method size
    # HotSpot compiles at all (8000 bytecodes), but C1 expands each masked segment load of C into
    # many values, so a never-executed block of them does it.
    if BALLAST_STORES.get(mr):
        L.append("        if (kc < 0) {")
        L.append(ballast_mask)
        for u in range(BALLAST_STORES[mr]):
            L.append(store(u % mr, u // mr % 2, "            ", masked=True))
        L.append("        }")
    # The full-height kernels' ballast of masked segment stores (into a view of an array C)
    if mr in BALLAST_STORES_FULL:
        L.append("        if (kc < 0) {")
        L.append(ballast_mask)
        L.append("            MemorySegment cs = " + ("c;" if seg else "MemorySegment.ofArray(c);"))
        for u in range(BALLAST_STORES_FULL[mr]):
            i, j = u % mr, u // mr % 2
            off = f"cOff + {i} * ldc{'' if j == 0 else ' + VL'}"
            L.append(f"            c{i}_{j}.fma(va, FloatVector.fromMemorySegment(S, cs, ({off}) * 4L, NATIVE, rd).mul(vb))"
                     f".intoMemorySegment(cs, ({off}) * 4L, NATIVE, rd);")
        L.append("        }")
    L.append("        if (beta == 0f) {")
    for i in range(mr):
        for j in range(2):
            off = f"cOff + {i} * ldc{'' if j == 0 else ' + VL'}"
            st = f"intoMemorySegment(c, ({off}) * 4L, NATIVE)" if seg else f"intoArray(c, {off})"
            L.append(f"            c{i}_{j}.mul(va).{st};")
    L.append("            return;")
    L.append("        }")
    for i in range(mr):
        for j in range(2):
            L.append(store(i, j, "        "))
    L.append("    }")
    return "\n".join(L)


# Narrow kernels, one vector wide, for column tails of at most one vector (N = 40 is 32 + 8): the
# two-vector kernel would spend twice the FMAs on padding columns. Their FMA : load ratio is lower
# (one B load and MR broadcasts per MR FMAs), still within the two loads a cycle of the machines
# targeted. They write a C in native memory under the column mask (C itself, or the scratch tile
# that is then merged into an array or heap C), only the tile's rows.
NARROW_HEIGHTS = (12, 8, 6)
# a narrow tile is taller than the short kernels (SHORT_ROWS): these first rows are always stored
NARROW_MIN_ROWS = max(SHORT) + 1
# never-executed k steps and masked stores that make C1 give up on them (see kernel(); KernelJitTest)
NARROW_BALLAST_STEPS = {12: 6, 8: 10, 6: 12}
NARROW_BALLAST_STORES = {12: 24, 8: 24, 6: 24}


def narrow_name(mr, packed, bseg, panel=False):
    return ("p" if packed else "k") + f"{mr}n" + ("b" if bseg else "") + ("p" if panel else "")


def narrow_kernel(mr, packed, bseg, panel=False):
    lda = " int rows," if packed else " int lda, int rows,"
    btype = "MemorySegment b, long bOff, long ldb" if bseg else "float[] b, int bOff, int ldb"
    L = [f"    private static void {narrow_name(mr, packed, bseg, panel)}(int kc, float[] a, int aOff,{lda} {btype},",
         "            MemorySegment c, long cOff, long ldc, int cols, float alpha, float beta) {"]
    L += native_casts(bseg, True)
    for i in range(mr):
        L.append(f"        FloatVector c{i} = FloatVector.zero(S);")
    if not packed:
        L.append("        int r0 = aOff;")
        for i in range(1, mr):
            L.append(f"        int r{i} = aOff + {i} * (({i} - rows) >>> 31) * lda;")
    def step(kexpr, indent):
        out = [f"{indent}{'long' if bseg else 'int'} bk = bOff + ({kexpr}) * {b_stride(panel)};"]
        if packed:
            out.append(f"{indent}int ak = aOff + ({kexpr}) * MR;")
        if bseg:
            out.append(f"{indent}FloatVector b0 = FloatVector.fromMemorySegment(S, b, bk * 4L, NATIVE);")
        else:
            out.append(f"{indent}FloatVector b0 = FloatVector.fromArray(S, b, bk);")
        for i in range(mr):
            src = f"a[ak + {i}]" if packed else f"a[r{i} + {kexpr}]"
            out.append(f"{indent}c{i} = FloatVector.broadcast(S, {src}).fma(b0, c{i});")
        return out
    L.append("        for (int k = 0; k < kc; k++) {")
    L += step("k", "            ")
    L.append("        }")
    L.append("        if (kc < 0) {")
    for u in range(NARROW_BALLAST_STEPS[mr]):
        L.append("            {")
        L += step(f"{u}", "                ")
        L.append("            }")
    L.append("            VectorMask<Float> m = S.indexInRange(kc, VL);")
    for u in range(NARROW_BALLAST_STORES[mr]):
        off = f"(cOff + {u % mr} * ldc + {u // mr}) * 4L"
        L.append(f"            c{u % mr}.add(FloatVector.fromMemorySegment(S, c, {off}, NATIVE, m))"
                 f".intoMemorySegment(c, {off}, NATIVE, m);")
    L.append("        }")
    # Straight into C under the column mask, only the tile's rows (rows past them repeat row 0):
    # no scratch tile and no merge (a batch of 40x64x40 GEMMs spent 5% of its time merging tails).
    L.append("        VectorMask<Float> m = S.indexInRange(0, cols);")
    L.append("        FloatVector va = FloatVector.broadcast(S, alpha);")
    L.append("        if (beta == 0f) {")
    for i in range(mr):
        st = f"c{i}.mul(va).intoMemorySegment(c, (cOff + {i} * ldc) * 4L, NATIVE, m);"
        L.append(f"            {st}" if i < NARROW_MIN_ROWS else f"            if (rows > {i}) {{ {st} }}")
    L.append("            return;")
    L.append("        }")
    L.append("        FloatVector vb = FloatVector.broadcast(S, beta);")
    for i in range(mr):
        off = f"(cOff + {i} * ldc) * 4L"
        st = (f"c{i}.fma(va, FloatVector.fromMemorySegment(S, c, {off}, NATIVE, m).mul(vb))"
              f".intoMemorySegment(c, {off}, NATIVE, m);")
        L.append(f"        {st}" if i < NARROW_MIN_ROWS else f"        if (rows > {i}) {{ {st} }}")
    L.append("    }")
    return "\n".join(L)


# The wide kernel, 6 rows x 3 vectors (18 accumulators + 3 B vectors + broadcasts), for the last
# two panels of a B whose width ends in a tail of at most one vector (N = 40 is 32 + 8): the 12-row
# tiles cover such a strip as a full tile plus a narrow one, and the narrow kernel issues one
# broadcast per FMA (M 40, N 40, K 64, JFR: the narrow kernel took three quarters of the full tile's
# samples for a quarter of its columns). Here a broadcast feeds three FMAs. Row-major A, B in place
# in a native segment (the plain B of a matmul), a native C: the forms of the small batched GEMMs
# that have such shapes. The third vector's columns are stored under the column mask, the rows
# past `rows` (which repeat row 0) not at all.
# Why 6 rows and not 8: C2 compiled an 8-row form (24 accumulators, 8 A row offsets) with 2-3
# accumulators spilled to the stack inside the K loop in every JVM tried, because with
# UseFPUForSpilling (on by default on x86) it parks the general registers it lacks (A row offsets,
# segments) in vector registers. Disassembly of the loop (PrintAssembly, bytes through objdump):
# 8 rows, 2-3 zmm spill stores and loads per K step, 55-119 GFLOP/s in a batch of 40x40x64 GEMMs;
# 6 rows, none in 4 JVMs of 4, 135-140 GFLOP/s against 114-122 for the 12-row tiles plus a narrow
# one (in-JVM alternation, one thread, Zen 5). With -XX:-UseFPUForSpilling the 8-row form had no
# spills and ran at 140-148, so 6 rows give up little.
WIDE_ROWS = 6
WIDE_BALLAST_STEPS = 6
WIDE_BALLAST_STORES = 24


def wide_kernel():
    mr = WIDE_ROWS
    L = [f"    private static void k{mr}wb(int kc, float[] a, int aOff, int lda, int rows, MemorySegment b, long bOff,",
         "            long ldb, MemorySegment c, long cOff, long ldc, int cols, float alpha, float beta) {"]
    L += native_casts(True, True)
    for i in range(mr):
        for j in range(3):
            L.append(f"        FloatVector c{i}_{j} = FloatVector.zero(S);")
    L.append("        int r0 = aOff;")
    for i in range(1, mr):
        L.append(f"        int r{i} = aOff + {i} * (({i} - rows) >>> 31) * lda;")
    def step(kexpr, indent):
        out = [f"{indent}long bk = bOff + ({kexpr}) * ldb;"]
        for j, off in enumerate(("bk", "(bk + VL)", "(bk + 2 * VL)")):
            out.append(f"{indent}FloatVector b{j} = FloatVector.fromMemorySegment(S, b, {off} * 4L, NATIVE);")
        for i in range(mr):
            out.append(f"{indent}FloatVector a{i} = FloatVector.broadcast(S, a[r{i} + {kexpr}]);")
            for j in range(3):
                out.append(f"{indent}c{i}_{j} = a{i}.fma(b{j}, c{i}_{j});")
        return out
    L.append("        for (int k = 0; k < kc; k++) {")
    L += step("k", "            ")
    L.append("        }")
    # C1 ballast, never executed (see kernel(); KernelJitTest checks that C1 gives up)
    L.append("        if (kc < 0) {")
    for u in range(WIDE_BALLAST_STEPS):
        L.append("            {")
        L += step(f"{u}", "                ")
        L.append("            }")
    L.append("            VectorMask<Float> m = S.indexInRange(kc, VL);")
    for u in range(WIDE_BALLAST_STORES):
        off = f"(cOff + {u % mr} * ldc + {u // mr}) * 4L"
        L.append(f"            c{u % mr}_2.add(FloatVector.fromMemorySegment(S, c, {off}, NATIVE, m))"
                 f".intoMemorySegment(c, {off}, NATIVE, m);")
    L.append("        }")
    L.append("        VectorMask<Float> m = S.indexInRange(2 * VL, cols);")
    L.append("        FloatVector va = FloatVector.broadcast(S, alpha);")
    def row_stores(i, beta0):
        out = []
        for j in range(3):
            at = f"(cOff + {i} * ldc{('', ' + VL', ' + 2 * VL')[j]}) * 4L"
            mask = ", m" if j == 2 else ""
            if beta0:
                out.append(f"c{i}_{j}.mul(va).intoMemorySegment(c, {at}, NATIVE{mask});")
            else:
                # the first two vectors' C loaded unmasked (see kernel() on masked C loads)
                out.append(f"c{i}_{j}.fma(va, FloatVector.fromMemorySegment(S, c, {at}, NATIVE{mask}).mul(vb))"
                           f".intoMemorySegment(c, {at}, NATIVE{mask});")
        return out
    def rows_block(beta0, indent):
        out = []
        for i in range(mr):
            st = row_stores(i, beta0)
            if i == 0:
                out += [indent + x for x in st]
            else:
                out.append(f"{indent}if (rows > {i}) {{")
                out += [indent + "    " + x for x in st]
                out.append(f"{indent}}}")
        return out
    L.append("        if (beta == 0f) {")
    L += rows_block(True, "            ")
    L.append("            return;")
    L.append("        }")
    L.append("        FloatVector vb = FloatVector.broadcast(S, beta);")
    L += rows_block(False, "        ")
    L.append("    }")
    return "\n".join(L)


def dispatch_wide():
    return "\n".join([
        "    @Override",
        "    public int wideRows() {",
        f"        return MR == 12 ? {WIDE_ROWS} : 0;",
        "    }",
        "",
        "    @Override",
        "    public void tileWide(int rows, int cols, int kc, float[] a, int aOff, int lda, MemorySegment b, long bOff,",
        "            long ldb, MemorySegment c, long cOff, long ldc, float alpha, float beta) {",
        "        if (MR != 12) {",
        "            MicroKernel.super.tileWide(rows, cols, kc, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, alpha, beta);",
        "            return;",
        "        }",
        f"        k{WIDE_ROWS}wb(kc, a, aOff, lda, rows, b, bOff, ldb, c, cOff, ldc, cols, alpha, beta);",
        "    }",
    ])


def dispatch_narrow(packed, bseg, panel=False):
    """narrow / narrowDirect: a tile of at most one vector of columns into a native C (or the scratch tile)."""
    lda = "" if packed else " int lda,"
    lda_arg = " rows," if packed else " lda, rows,"
    method = ("narrow" if packed else "narrowDirect") + ("Panel" if panel else "")
    btype = "MemorySegment b, long bOff, long ldb" if bseg else "float[] b, int bOff, int ldb"
    call = lambda h: f"{narrow_name(h, packed, bseg, panel)}(kc, a, aOff,{lda_arg} b, bOff, ldb, c, cOff, ldc, cols, alpha, beta);"
    return "\n".join([
        "    /**",
        "     * A tile of more than {@link #SHORT_ROWS} rows and at most one vector of columns, into a C in native",
        "     * memory (the scratch tile, or C itself) under the column mask.",
        "     */",
        f"    private static void {method}(int rows, int cols, int kc, float[] a, int aOff,{lda} {btype},",
        "            MemorySegment c, long cOff, long ldc, float alpha, float beta) {",
        "        if (MR == 6) {",
        f"            {call(6)}",
        "        } else if (rows <= 8) {",
        f"            {call(8)}",
        "        } else {",
        f"            {call(12)}",
        "        }",
        "    }",
    ])


def narrow_branch(packed, native_c, indent="        ", panel=False):
    """The tile() branch that runs a narrow kernel (C named c, offsets cOff / ldc): straight into a native
    C when native_c says C may be one, else into the scratch tile, merged."""
    lda = "" if packed else " lda,"
    method = ("narrow" if packed else "narrowDirect") + ("Panel" if panel else "")
    direct = [] if not native_c else [
        f"{indent}    if (c.isNative()) {{",
        f"{indent}        {method}(rows, cols, kc, a, aOff,{lda} b, bOff, ldb, c, cOff, ldc, alpha, beta);",
        f"{indent}        return;",
        f"{indent}    }}",
    ]
    return [
        f"{indent}if (cols <= VL && rows > SHORT_ROWS) {{",
        f"{indent}    // a column tail of at most one vector: the kernel one vector wide, into C where C is native",
        *direct,
        f"{indent}    MemorySegment t = TAIL.get();",
        f"{indent}    {method}(rows, VL, kc, a, aOff,{lda} b, bOff, ldb, t, 0, 2 * VL, 1f, 0f);",
        f"{indent}    mergeTail(rows, cols, t, c, cOff, ldc, alpha, beta);",
        f"{indent}    return;",
        f"{indent}}}",
    ]


def dispatch(seg, packed, bseg=False, panel=False):
    """tile / tileDirect: the kernel whose height fits the rows; a whole tile straight into C, else
    through the scratch tile. bseg: the overload reading B from a segment, which hands B in packed
    panels (ldb the panel width) to the panel kernels (panel: their dispatch, tilePanel / ...)."""
    btype = "MemorySegment b, long bOff, long ldb" if bseg else "float[] b, int bOff, int ldb"
    lda = "" if packed else " int lda,"
    lda_arg = "" if packed else " lda, rows,"
    method = "tile" if packed else "tileDirect"
    short = ("tileShort" if packed else "tileShortDirect") + ("Panel" if panel else "")
    k12 = name(12, seg, packed, bseg, panel)
    k6 = name(6, seg, packed, bseg, panel)
    k8 = name(8, seg, packed, bseg, panel)
    call = lambda k, dst: f"{k}(kc, a, aOff,{lda_arg} b, bOff, ldb, {dst}, alpha, beta);"
    tcall = lambda k: f"{k}(kc, a, aOff,{lda_arg} b, bOff, ldb, t, 0, 2 * VL, 1f, 0f);"
    head = ["    /** {@link #" + method + "} for B in packed panels of a segment ({@code ldb == 2 * VL}). */",
            f"    private void {method}Panel(int rows, int cols, int kc, float[] a, int aOff,{lda} {btype},"] if panel else [
        "    @Override",
        f"    public void {method}(int rows, int cols, int kc, float[] a, int aOff,{lda} {btype},"]
    to_panel = [] if not bseg or panel or not packed else [
        "        if (ldb == 2 * VL) {",
        "            // B in packed panels: the kernels whose B stride is that constant (see the class comment)",
        f"            {method}Panel(rows, cols, kc, a, aOff,{' lda,' if not packed else ''} b, bOff, ldb, c, cOff, ldc, alpha, beta);",
        "            return;",
        "        }"]
    return "\n".join([
        *head,
        "            MemorySegment c, long cOff, long ldc, float alpha, float beta) {",
        *to_panel,
        "        if (rows <= SHORT_ROWS && rows < MR) {",
        "            // a row tail of at most four rows: the kernel of exactly its height",
        f"            {short}(rows, cols, kc, a, aOff,{' lda,' if not packed else ''} b, bOff, ldb, c, cOff, ldc, alpha, beta);",
        "            return;",
        "        }",
        *narrow_branch(packed, True, panel=panel),
        "        boolean whole = cols == 2 * VL && c.isNative();",
        "        if (MR == 12 && rows <= 8) {",
        "            if (whole && rows == 8) {",
        f"                {call(k8, 'c, cOff, ldc')}",
        "                return;",
        "            }",
        "            MemorySegment t = TAIL.get();",
        f"            {tcall(k8)}",
        "            mergeTail(rows, cols, t, c, cOff, ldc, alpha, beta);",
        "            return;",
        "        }",
        "        if (whole && rows == MR) {",
        "            if (MR == 12) {",
        f"                {call(k12, 'c, cOff, ldc')}",
        "            } else {",
        f"                {call(k6, 'c, cOff, ldc')}",
        "            }",
        "            return;",
        "        }",
        "        MemorySegment t = TAIL.get();",
        "        if (MR == 12) {",
        f"            {tcall(k12)}",
        "        } else {",
        f"            {tcall(k6)}",
        "        }",
        "        mergeTail(rows, cols, t, c, cOff, ldc, alpha, beta);",
        "    }",
    ])


def dispatch_array_c(packed):
    """tile / tileDirect into a float[] C: whole tiles of the full or 8-row height run the array-C
    kernels (which only ever see arrays, as the segment-C kernels only ever see native segments);
    any other tile is computed into the scratch tile and merged."""
    lda = "" if packed else " int lda,"
    lda_arg = "" if packed else " lda, rows,"
    method = "tile" if packed else "tileDirect"
    short = "tileShort" if packed else "tileShortDirect"
    call = lambda k: f"{k}(kc, a, aOff,{lda_arg} b, bOff, ldb, c, cOff, ldc, alpha, beta);"
    tcall = lambda k: f"{k}(kc, a, aOff,{lda_arg} b, bOff, ldb, t, 0, 2 * VL, 1f, 0f);"
    return "\n".join([
        "    @Override",
        f"    public void {method}(int rows, int cols, int kc, float[] a, int aOff,{lda} float[] b, int bOff, int ldb,",
        "            float[] c, int cOff, int ldc, float alpha, float beta) {",
        *narrow_branch(packed, False),
        "        boolean whole = cols == 2 * VL;",
        "        if (whole && rows == MR) {",
        "            if (MR == 12) {",
        f"                {call(name(12, False, packed))}",
        "            } else {",
        f"                {call(name(6, False, packed))}",
        "            }",
        "            return;",
        "        }",
        "        if (whole && MR == 12 && rows == 8) {",
        f"            {call(name(8, False, packed))}",
        "            return;",
        "        }",
        "        MemorySegment t = TAIL.get();",
        "        if (rows <= SHORT_ROWS && rows < MR) {",
        f"            {short}(rows, 2 * VL, kc, a, aOff,{' lda,' if not packed else ''} b, bOff, ldb, t, 0, 2 * VL, 1f, 0f);",
        "        } else if (MR == 12 && rows <= 8) {",
        f"            {tcall(name(8, True, packed))}",
        "        } else if (MR == 12) {",
        f"            {tcall(name(12, True, packed))}",
        "        } else {",
        f"            {tcall(name(6, True, packed))}",
        "        }",
        "        mergeTail(rows, cols, t, c, cOff, ldc, alpha, beta);",
        "    }",
    ])


def dispatch_short(packed, bseg, panel=False):
    """tileShort / tileShortDirect: the kernel of exactly `rows` rows, a column tail through the scratch tile."""
    lda = "" if packed else " int lda,"
    lda_arg = "" if packed else " lda, rows,"
    method = ("tileShort" if packed else "tileShortDirect") + ("Panel" if panel else "")
    btype = "MemorySegment b, long bOff, long ldb" if bseg else "float[] b, int bOff, int ldb"
    L = [f"    /** A tile of at most {{@link #SHORT_ROWS}} rows by the kernel of exactly its height. */",
         f"    private void {method}(int rows, int cols, int kc, float[] a, int aOff,{lda} {btype},",
         "            MemorySegment c, long cOff, long ldc, float alpha, float beta) {",
         "        boolean whole = cols == 2 * VL && c.isNative();",
         "        MemorySegment t = whole ? c : TAIL.get();",
         "        long tOff = whole ? cOff : 0;",
         "        long ldt = whole ? ldc : 2 * VL;",
         "        float ta = whole ? alpha : 1f;",
         "        float tb = whole ? beta : 0f;",
         "        switch (rows) {"]
    for h in SHORT:
        L.append(f"            case {h} -> {name(h, True, packed, bseg, panel)}(kc, a, aOff,{lda_arg} b, bOff, ldb, t, tOff, ldt, ta, tb);")
    L += ["            default -> throw new IllegalArgumentException(\"rows = \" + rows + \" > \" + SHORT_ROWS);",
          "        }",
          "        if (!whole) {",
          "            mergeTail(rows, cols, t, c, cOff, ldc, alpha, beta);",
          "        }",
          "    }"]
    return "\n".join(L)


HEADER = '''package dev.jdnn.engines.gemm;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

// GENERATED by bench/gen/sgemm_kernels.py: edit the generator, not this file.

/**
 * The Vector API micro-kernels: one straight-line method per way of reading A (packed or in place)
 * and writing C (array or segment), each a full tile of {@link #mr()} rows x 2 vectors held in
 * vector locals (12 x 2 = 24 accumulators + 2 B vectors + 1 broadcast: 27 of the 32 vector
 * registers of an AVX-512 machine; 6 rows where there are 16).
 *
 * <p>Each kernel meets one kind of C: the segment-C kernels ({@code p12s}, ...) only native
 * segments (a heap-segment C, and every tail, is computed into the native scratch tile and merged,
 * see {@link #TAIL}); the array-C kernels ({@code p12a}, ...) only float[]. A kernel C2 compiled for
 * one kind traps and is recompiled when the other arrives (interpreted meanwhile). Every kernel
 * carries a never-executed block that C1 cannot compile, so that kernels go from the interpreter
 * straight to C2 (see the generator).
 *
 * <p>A column tail of at most one vector runs a kernel one vector wide ({@code p12n}, ...: half
 * the FMAs of the full-width kernel) into the scratch tile; a row tail of 5-8 rows the 8-row
 * kernel, of 1-4 rows the short kernels of exactly its height.
 *
 * <p>A smaller tile (a row or column tail) runs the same kernel into a per-thread scratch tile
 * (packed A panels taller than a short kernel are zero-padded to the full height,
 * {@link #panelRows}; B panels to the full
 * width; an unpacked A repeats row 0), whose valid part plain code then merges into C. So the
 * kernels have no data-dependent branch and no partial mask, and a workload keeps its few kernels
 * hot and compiled (see the generator for why that matters on a JVM).
 *
 * <p>B read from a memory segment in packed panels (a pre-packed B: rows {@code 2 * VL} floats
 * apart) with a packed A goes to kernels with that stride built in as a constant ({@code p12sbp},
 * ...; {@link #tile} picks them by {@code ldb}). Other segment B's rows, and any B with a row-major
 * A ({@link #tileDirect}: its kernel ran at 108-127 GFLOP/s with the constant stride), go to the
 * kernels taking the stride as a parameter ({@code p12sb}, {@code k12sb}, ...). Those once ran fast
 * in some JVMs and a quarter slower in others (Zen 5, after {@code Sgemm.warmUp}, a 12 x 32 tile:
 * 141-155 GFLOP/s against 186-217): C2 had compiled the out-of-range path of their masked C loads
 * into them, a branch the JDK profiles once for every caller. The C update now loads C unmasked
 * (the generator says more); with it the same probe ran at 190-214 in 14 JVMs of 14.
 *
 * <p>The species is {@code VectorSupport.isa()}'s width, read once into a static final so that C2
 * folds the lane count into the code. Loaded by name through {@code VectorSupport.load}; never
 * referenced from code that runs without the Vector API.
 */
public final class VectorMicroKernel implements MicroKernel {
    static final VectorSpecies<Float> S = dev.jdnn.engines.VectorSupport.isa() == dev.jdnn.engines.Isa.VECTOR_512
            ? FloatVector.SPECIES_512 : FloatVector.SPECIES_256;
    static final int VL = S.length();
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();
    /**
     * The class of native segments, to which each kernel casts its segment operands (B read in place,
     * C) on entry: C2 then knows their class whatever the JDK's segment code has seen elsewhere in
     * the JVM. A heap segment read by Vector API loads anywhere (code of ours or not) otherwise leaves
     * the JDK's shared load path with several segment classes in its profile, and every B load of a
     * kernel became a call: after a loop of such loads on float[] and byte[] heap segments before
     * Sgemm.warmUp, a GEMM with a pre-packed B in a native segment ran at 21-33 GFLOP/s against
     * 182-201 without that loop (Zen 5, one thread, 40x1024x4096, 128x1024x1024, 128x768x768). The
     * dispatch and the driver send the kernels native segments only (a heap C goes through the
     * scratch tile; a heap B is packed, or copied block by block where it is pre-packed).
     */
    private static final Class<? extends MemorySegment> NATIVE_SEGMENT = MemorySegment.NULL.getClass();
    /**
     * 12 rows when the machine has 32 vector registers (AVX-512 class), else 6 (AVX2: 16 registers);
     * {@code -Djdnn.gemm.mr=6} forces 6 (tests run an AVX2 machine's kernels this way).
     */
    private static final int MR = Integer.getInteger("jdnn.gemm.mr", FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 512
            ? 12 : 6) == 6 ? 6 : 12;

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

    /**
     * The calling thread's native scratch tile, MR x 2 vectors. A tail, and every tile of a C in a
     * heap segment, is computed into it and merged into C: the segment-C kernels' stores only ever
     * meet native segments. A kernel compiled for one kind of segment traps when the other arrives,
     * and each recompile of a kernel takes C2 up to a second and more, interpreted meanwhile
     * (measured: a heap-C 512^3 GEMM after native-C work ran at 1 GFLOP/s for its whole second of
     * timing). A float[] C has kernels of its own for whole tiles.
     */
    private static final ThreadLocal<MemorySegment> TAIL = ThreadLocal.withInitial(
            () -> java.lang.foreign.Arena.ofAuto().allocate(4L * MR * 2 * VL, 64));

    /**
     * C = alpha * tile + beta * C on the tail's rows x cols, by vectors under the column mask (C
     * read only when beta != 0); a batch of small matrices runs a tail for most of its tiles.
     */
    private static void mergeTail(int rows, int cols, MemorySegment t, MemorySegment c, long cOff, long ldc, float alpha,
            float beta) {
        FloatVector va = FloatVector.broadcast(S, alpha);
        FloatVector vb = FloatVector.broadcast(S, beta);
        boolean readC = beta != 0f;
        for (int j = 0; j < cols; j += VL) {
            VectorMask<Float> m = S.indexInRange(j, cols);
            for (int i = 0; i < rows; i++) {
                long ci = (cOff + i * ldc + j) * 4L;
                FloatVector v = FloatVector.fromMemorySegment(S, t, ((long) i * 2 * VL + j) * 4L, NATIVE).mul(va);
                if (readC) {
                    v = v.add(FloatVector.fromMemorySegment(S, c, ci, NATIVE, m).mul(vb));
                }
                v.intoMemorySegment(c, ci, NATIVE, m);
            }
        }
    }

    /** {@link #mergeTail(int, int, MemorySegment, MemorySegment, long, long, float, float)} into a float[] C. */
    private static void mergeTail(int rows, int cols, MemorySegment t, float[] c, int cOff, int ldc, float alpha,
            float beta) {
        FloatVector va = FloatVector.broadcast(S, alpha);
        FloatVector vb = FloatVector.broadcast(S, beta);
        boolean readC = beta != 0f;
        for (int j = 0; j < cols; j += VL) {
            VectorMask<Float> m = S.indexInRange(j, cols);
            for (int i = 0; i < rows; i++) {
                int ci = cOff + i * ldc + j;
                FloatVector v = FloatVector.fromMemorySegment(S, t, ((long) i * 2 * VL + j) * 4L, NATIVE).mul(va);
                if (readC) {
                    v = v.add(FloatVector.fromArray(S, c, ci, m).mul(vb));
                }
                v.intoArray(c, ci, m);
            }
        }
    }

    /** Rows of the tallest short kernel: {@link #tile} runs row tails up to this height on them. */
    static final int SHORT_ROWS = 4;

    @Override
    public boolean readsSegmentB() {
        return true;
    }

    /**
     * A packed A panel of at most {@link #SHORT_ROWS} rows (fewer than MR) is read by the short kernel
     * of exactly its height, unpadded (a minibatch-2 inner product reads 2 floats of A per k step,
     * not MR); every other panel is the full height, the rows past a tail zero.
     */
    @Override
    public int panelRows(int rows) {
        return rows <= SHORT_ROWS && rows < MR ? rows : MR;
    }

    /** The kernel reads two whole vectors of each B row, whatever the tile's columns. */
    @Override
    public int readWidth(int cols) {
        return 2 * VL;
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
        // a narrower panel: see the segment form
        FloatVector zero = FloatVector.zero(S);
        for (int j = 0; j < pw; j += VL) {
            VectorMask<Float> m = S.indexInRange(j, w);
            for (int r = 0; r < rows; r++) {
                int s = sOff + r * lds + j;
                int d = dOff + r * pw + j;
                if (j >= w) {
                    zero.intoArray(dst, d);
                } else if (s + VL <= src.length) {
                    zero.blend(FloatVector.fromArray(S, src, s), m).intoArray(dst, d);
                } else {
                    FloatVector.fromArray(S, src, s, m).intoArray(dst, d);
                }
            }
        }
    }

    /**
     * A whole-width panel from a segment (native in practice: a heap segment over a float[] is
     * read as the array) by vector loads: many short rows, where one bulk copy per row costs more
     * in its checks than in moving the data.
     */
    @Override
    public void copyPanel(MemorySegment src, long sOff, long lds, int rows, int w, float[] dst, int dOff, int pw) {
        if (w == 2 * VL && pw == w) {
            for (int r = 0; r < rows; r++) {
                long s = (sOff + r * lds) * 4L;
                int d = dOff + r * pw;
                FloatVector.fromMemorySegment(S, src, s, NATIVE).intoArray(dst, d);
                FloatVector.fromMemorySegment(S, src, s + 4L * VL, NATIVE).intoArray(dst, d + VL);
            }
            return;
        }
        // A narrower panel (the last of a B whose N is not a multiple of the vector), padded with zeros
        // past w: each row's vector loaded whole and blended with zeros where the load stays inside
        // the source, under the mask only near its end. (Masked loads on every row took 420 ns for a
        // 64 x 8 panel, Zen 5: more than the 12 x 8 x 64 tile that reads it.)
        long limit = src.byteSize();
        FloatVector zero = FloatVector.zero(S);
        for (int j = 0; j < pw; j += VL) {
            VectorMask<Float> m = S.indexInRange(j, w);
            for (int r = 0; r < rows; r++) {
                long s = (sOff + r * lds + j) * 4L;
                int d = dOff + r * pw + j;
                if (j >= w) {
                    zero.intoArray(dst, d);
                } else if (s + 4L * VL <= limit) {
                    zero.blend(FloatVector.fromMemorySegment(S, src, s, NATIVE), m).intoArray(dst, d);
                } else {
                    FloatVector.fromMemorySegment(S, src, s, NATIVE, m).intoArray(dst, d);
                }
            }
        }
    }
'''


def rank_name(rows, ks, read_c, seg):
    return f"rank{ks}x{rows}" + ("c" if read_c else "") + ("" if seg else "a")


def rank_kernel(rows, ks, read_c, seg):
    """Rows i .. i+rows-1 of C from the first ks K steps (SmallK's rank4): each B vector loaded once
    for `rows` stores; read_c: C = alpha * A B + beta * C, else C = alpha * A B (C not read). seg: C a
    native memory segment (offsets in bytes inside), else a float[]."""
    name = rank_name(rows, ks, read_c, seg)
    ctype = "MemorySegment c, long cOff, long ldc" if seg else "float[] c, int cOff, int ldc"
    what = "the four K steps" if ks == 4 else "K steps 0 and 1 (steps 2 and 3 are zero)"
    rows_doc = "Row i" if rows == 1 else f"Rows i .. i+{rows - 1}"
    L = [f"    /** {rows_doc} of C from {what}{', plus beta * C' if read_c else ''}. */",
         f"    private static void {name}(int i, int n, float[] a, int lda, float[] b, {ctype},",
         "            float alpha" + (", float beta) {" if read_c else ") {")]
    L += native_casts(False, seg)
    for kk in range(ks):
        for r in range(rows):
            idx = "i" if r == 0 else f"i + {r}"
            base = "" if kk == 0 else ("lda + " if kk == 1 else f"{kk} * lda + ")
            L.append(f"        FloatVector a{kk}{r} = FloatVector.broadcast(S, alpha * a[{base}{idx}]);")
    if read_c:
        L.append("        FloatVector vb = FloatVector.broadcast(S, beta);")
    if seg:
        L.append("        long c0 = (cOff + i * ldc) * 4L;")
        for r in range(1, rows):
            L.append(f"        long c{r} = c{r - 1} + ldc * 4L;")
    else:
        L.append("        int c0 = cOff + i * ldc;")
        for r in range(1, rows):
            L.append(f"        int c{r} = c{r - 1} + ldc;")
    L.append("        int full = S.loopBound(n);")

    def body(masked, ind):
        m = ", m" if masked else ""
        out = []
        for kk in range(ks):
            off = "j" if kk == 0 else ("n + j" if kk == 1 else f"{kk} * n + j")
            out.append(f"{ind}FloatVector b{kk} = FloatVector.fromArray(S, b, {off}{m});")
        out.append(f"{ind}long at = j * 4L;" if seg else f"{ind}int at = j;")
        for r in range(rows):
            e = f"a0{r}.mul(b0)"
            for kk in range(1, ks):
                e = f"a{kk}{r}.fma(b{kk}, {e})"
            if read_c:
                load = (f"FloatVector.fromMemorySegment(S, c, c{r} + at, NATIVE{m})" if seg
                        else f"FloatVector.fromArray(S, c, c{r} + at{m})")
                e = f"vb.fma({load}, {e})"
            store = f"intoMemorySegment(c, c{r} + at, NATIVE{m})" if seg else f"intoArray(c, c{r} + at{m})"
            out.append(f"{ind}{e}.{store};")
        return out

    # Ballast for C1, never executed (n is never negative), as in the tile kernels (see kernel()):
    # C1 gives up on the method at every tier, so it goes from the interpreter to C2. Without it
    # C1 compiled some of these at tier 2 while C2 was busy, failed at tier 3 (out of registers),
    # and left them in tier-2 code that boxes every vector, for good: 10-50x slower.
    # (an array C's ballast goes through a heap view of it, in bytes)
    L.append("        if (n < 0) {")
    L.append("            VectorMask<Float> m = S.indexInRange(0, n);")
    if not seg:
        L.append("            MemorySegment cs = MemorySegment.ofArray(c);")
    cs = "c" if seg else "cs"
    for u in range(RANK_BALLAST_STORES):
        r, kk = u % rows, u // rows % ks
        at = f"c{r} + {4 * u}L" if seg else f"c{r} * 4L + {4 * u}L"
        src = f"FloatVector.fromMemorySegment(S, {cs}, {at}, NATIVE, m)"
        L.append(f"            a{kk}{r}.fma({src}, {'vb' if read_c else f'a{kk}{r}'}).intoMemorySegment({cs}, {at}, NATIVE, m);")
    L.append("        }")
    L.append("        int j = 0;")
    L.append("        for (; j < full; j += VL) {")
    L += body(False, " " * 12)
    L.append("        }")
    L.append("        if (j < n) {")
    L.append("            VectorMask<Float> m = S.indexInRange(j, n);")
    L += body(True, " " * 12)
    L.append("        }")
    L.append("    }")
    return "\n".join(L)


def dispatch_rank(seg):
    """rank4: rows of C in twos or fours (see the doc below), for a native-segment or an array C."""
    ctype = "MemorySegment c, long cOff, long ldc" if seg else "float[] c, int cOff, int ldc"
    call = lambda rows, ks, read_c: (f"{rank_name(rows, ks, read_c, seg)}(i, n, a, lda, b, c, cOff, ldc, alpha"
                                     + (", beta);" if read_c else ");"))
    doc = ([
        "    /**",
        "     * Four rows of C at a time (two with K = 4), so that each vector of the B rows is loaded once",
        "     * for several stores (one row at a time loaded four B vectors per store: load-bound, each load",
        "     * split across two cache lines when the B rows' array sits off a 64-byte boundary); the K rows of",
        "     * B that are zero padding (a minibatch-2 weight gradient has K = 2) are skipped. C in native",
        "     * memory goes to kernels that only ever see native segments, C in an array to array kernels, a",
        "     * heap segment not over a float[] to the plain loop. (An array C used to come here as a heap",
        "     * view: 4096 x 256 x 4, one thread, Zen 4, took 0.43 ms through SgemmTimer, the kernels warmed",
        "     * up on native segments trapping on it, against 0.12-0.20 ms with the array kernels; in a",
        "     * probe, calls into a native C after calls into array views took 0.23 ms, 0.11 without.)",
        "     */"] if seg else ["    /** {@link #rank4} into a C in a float[]. */"])
    head = [
        "    @Override",
        f"    public void rank4(int rows, int n, int k, float[] a, int lda, float[] b, {ctype},",
        "            float alpha, float beta) {"]
    if seg:
        head += [
            "        if (!c.isNative()) {",
            "            MicroKernel.super.rank4(rows, n, k, a, lda, b, c, cOff, ldc, alpha, beta);",
            "            return;",
            "        }",
            "        // (beta 0 and the rest in methods of their own: one holding both paths inlined so many",
            "        // segment accesses that C2 left their liveness checks as calls, 2-4x slower)",
            "        // (K = 4 takes two rows at a time: 70 x 131 x 4 in 2.2 us. Four rows were tried before the",
            "        // rank kernels carried C1 ballast; stuck in C1's tier-2 code they were 50x slower, and they",
            "        // have not been re-measured since.)"]
    body = [
        "        int i = 0;",
        "        if (k <= 2) {",
        "            for (; i + 4 <= rows; i += 4) {",
        "                if (beta == 0f) {",
        f"                    {call(4, 2, False)}",
        "                } else {",
        f"                    {call(4, 2, True)}",
        "                }",
        "            }",
        "        } else {",
        "            for (; i + 2 <= rows; i += 2) {",
        "                if (beta == 0f) {",
        f"                    {call(2, 4, False)}",
        "                } else {",
        f"                    {call(2, 4, True)}",
        "                }",
        "            }",
        "        }",
        "        for (; i < rows; i++) {",
        "            if (beta == 0f) {",
        f"                {call(1, 4, False)}",
        "            } else {",
        f"                {call(1, 4, True)}",
        "            }",
        "        }",
        "    }"]
    return "\n".join(doc + head + body)


def b_forms(packed):
    """(bseg, panel) pairs of the B forms: an array, a segment, and for a packed A a segment of packed panels."""
    return ((False, False), (True, False), (True, True)) if packed else ((False, False), (True, False))


def main():
    parts = [HEADER]
    for seg in (True, False):
        parts.append(dispatch_rank(seg))
        parts.append("")
    for seg in (True, False):
        for rows, ks in ((4, 2), (2, 4), (1, 4)):
            for read_c in (False, True):
                parts.append(rank_kernel(rows, ks, read_c, seg))
                parts.append("")
    for packed in (True, False):
        for bseg, panel in b_forms(packed):
            parts.append(dispatch(True, packed, bseg, panel))
            parts.append("")
    for packed in (True, False):
        for bseg, panel in b_forms(packed):
            parts.append(dispatch_short(packed, bseg, panel))
            parts.append("")
    for packed in (True, False):
        parts.append(dispatch_array_c(packed))
        parts.append("")
    for packed in (True, False):
        for bseg, panel in b_forms(packed):
            parts.append(dispatch_narrow(packed, bseg, panel))
            parts.append("")
    parts.append(dispatch_wide())
    parts.append("")
    for packed in (True, False):
        for mr in HEIGHTS + TAIL_HEIGHTS + SHORT:
            parts.append(kernel(mr, True, packed))
            parts.append("")
        for panel in (False, True) if packed else (False,):
            for mr in HEIGHTS + TAIL_HEIGHTS + SHORT:
                parts.append(kernel(mr, True, packed, bseg=True, panel=panel))
                parts.append("")
        for mr in HEIGHTS + TAIL_HEIGHTS:
            parts.append(kernel(mr, False, packed))
            parts.append("")
        for bseg, panel in b_forms(packed):
            for mr in NARROW_HEIGHTS:
                parts.append(narrow_kernel(mr, packed, bseg, panel))
                parts.append("")
    parts.append(wide_kernel())
    parts.append("")
    parts[-1] = "}"
    OUT.write_text("\n".join(parts) + "\n")


if __name__ == "__main__":
    main()
