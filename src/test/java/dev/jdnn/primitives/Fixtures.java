package dev.jdnn.primitives;

import dev.jdnn.memory.DataType;
import dev.jdnn.memory.FormatTag;
import dev.jdnn.memory.Memory;
import dev.jdnn.memory.MemoryDesc;

/** Small descriptors and memories shared by the framework tests. */
final class Fixtures {
    static final MemoryDesc SRC = MemoryDesc.of(new long[] {1, 2, 4, 4}, DataType.F32, FormatTag.NCHW);
    static final MemoryDesc WEI = MemoryDesc.of(new long[] {3, 2, 3, 3}, DataType.F32, FormatTag.OIHW);
    static final MemoryDesc BIA = MemoryDesc.of(new long[] {3}, DataType.F32, FormatTag.A);
    static final MemoryDesc DST = MemoryDesc.of(new long[] {1, 3, 4, 4}, DataType.F32, FormatTag.NCHW);

    private Fixtures() {
    }

    static float[] ramp(long n, float start) {
        float[] v = new float[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) {
            v[i] = start + (i % 7) - 3;
        }
        return v;
    }

    static Memory filled(MemoryDesc md, float start) {
        Memory m = Memory.allocate(md);
        m.copyFrom(ramp(md.nelems(), start));
        return m;
    }
}
