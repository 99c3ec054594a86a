package dev.jdnn.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryTest {
    private static final MemoryDesc NCHW = MemoryDesc.of(new long[] {1, 2, 2, 3}, DataType.F32, FormatTag.NCHW);

    @Test
    void allocatedMemoryIsZeroedAlignedAndFreedOnClose() {
        Memory m = Memory.allocate(NCHW);
        assertThat(m.ownsStorage()).isTrue();
        assertThat(m.segment().address() % 64).isZero();
        assertThat(m.toFloatArray()).containsOnly(0f);
        m.close();
        assertThat(m.segment().scope().isAlive()).isFalse();
        m.close(); // idempotent
    }

    @Test
    void wrappingAnArrayIsZeroCopy() {
        float[] data = new float[12];
        Memory m = Memory.wrap(NCHW, data);
        m.setFloat(7f, 0, 1, 1, 2);
        assertThat(data[11]).isEqualTo(7f);
        data[0] = 3f;
        assertThat(m.getFloat(0, 0, 0, 0)).isEqualTo(3f);
        m.close();
        assertThat(m.segment().scope().isAlive()).isTrue();
    }

    @Test
    void wrappingAnyNativeSegment() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(100);
            Memory m = Memory.wrap(MemoryDesc.plain(new long[] {5, 5}, DataType.F32), seg);
            m.setFloat(1.5f, 4, 4);
            assertThat(seg.getAtIndex(ValueLayout.JAVA_FLOAT, 24)).isEqualTo(1.5f);
        }
    }

    @Test
    void logicalOrderIsIndependentOfTheLayout() {
        MemoryDesc nhwc = NCHW.withFormat(FormatTag.NHWC);
        float[] logical = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
        Memory m = Memory.allocate(nhwc);
        m.copyFrom(logical);
        assertThat(m.toFloatArray()).containsExactly(logical);
        // physical: h, w, c: (0,0,c0)=0 (0,0,c1)=6 (0,1,c0)=1 ...
        assertThat(m.segment().getAtIndex(ValueLayout.JAVA_FLOAT, 1)).isEqualTo(6f);
        m.close();
    }

    @Test
    void rejectsWhatCannotHoldTheTensor() {
        assertThatThrownBy(() -> Memory.wrap(NCHW, new float[11])).isInstanceOf(JdnnException.class)
                .hasMessageContaining("44 bytes is too small").hasMessageContaining("48 bytes");
        assertThatThrownBy(() -> Memory.wrap(NCHW, MemorySegment.ofArray(new float[12]).asReadOnly()))
                .hasMessageContaining("read-only");
        assertThatThrownBy(() -> Memory.wrap(NCHW.withDataType(DataType.S8), new float[12]))
                .hasMessageContaining("cannot wrap a float[] as s8");
        assertThatThrownBy(() -> Memory.allocate(MemoryDesc.any(new long[] {2}, DataType.F32)))
                .hasMessageContaining("format any");
        assertThatThrownBy(() -> Memory.wrap(NCHW, (float[]) null)).hasMessageContaining("data is null");
        assertThatThrownBy(() -> Memory.allocate(null)).hasMessageContaining("memory descriptor is null");
        Memory m = Memory.wrap(NCHW, new float[12]);
        assertThatThrownBy(() -> m.copyFrom(new float[5])).hasMessageContaining("values has 5 elements");
        assertThatThrownBy(() -> m.getFloat(0, 2, 0, 0)).hasMessageContaining("index[1] = 2");
    }

    @Test
    void hugeAllocationFailsAsOutOfMemory() {
        MemoryDesc huge = MemoryDesc.plain(new long[] {1L << 28, 1L << 28}, DataType.F32);
        assertThatThrownBy(() -> Memory.allocate(huge)).isInstanceOfSatisfying(JdnnException.class,
                e -> assertThat(e.status()).isEqualTo(Status.OUT_OF_MEMORY));
    }

    /** A 12 GiB tensor on a sparse mapped file: only the touched pages cost anything. */
    @Test
    void offsetsBeyondTwoToTheThirtyOneWork(@TempDir Path dir) throws IOException {
        MemoryDesc d = MemoryDesc.plain(new long[] {3, 1L << 30}, DataType.F32);
        Path file = dir.resolve("big.bin");
        try (Arena arena = Arena.ofConfined();
                FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.SPARSE,
                        StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            MemorySegment seg = ch.map(FileChannel.MapMode.READ_WRITE, 0, d.sizeInBytes(), arena);
            Memory m = Memory.wrap(d, seg);
            m.setFloat(42f, 2, (1L << 30) - 1);
            assertThat(seg.getAtIndex(ValueLayout.JAVA_FLOAT, (3L << 30) - 1)).isEqualTo(42f);
            assertThat(m.getFloat(2, (1L << 30) - 1)).isEqualTo(42f);
            assertThat(m.getFloat(1, 5)).isEqualTo(0f);
        }
    }
}
