package dev.jdnn.primitives.ref;

import dev.jdnn.engines.Engine;
import dev.jdnn.memory.MemoryDesc;
import dev.jdnn.primitives.Arg;
import dev.jdnn.primitives.Attr;
import dev.jdnn.primitives.ReorderDesc;
import dev.jdnn.primitives.spi.ExecContext;
import dev.jdnn.primitives.spi.Implementation;
import dev.jdnn.primitives.spi.Kernel;
import dev.jdnn.primitives.spi.Plan;
import dev.jdnn.primitives.spi.Support;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Reference reorder between any two f32 layouts: element by element in logical order, scaled by
 * the output scales. A blocked destination's padding (the elements past the logical dims in a
 * partial block) is written as zeros, as oneDNN requires.
 */
public final class RefReorder implements Implementation<ReorderDesc> {
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;

    @Override
    public String name() {
        return "ref";
    }

    @Override
    public Plan plan(ReorderDesc desc, Attr attr, Engine engine) {
        Support.requireF32("ref reorder", attr, desc.src(), desc.dst());
        return Plan.builder(desc)
                .input(Arg.SRC, desc.src())
                .output(Arg.DST, desc.dst())
                .kernel(() -> new ReorderKernel(desc, attr))
                .build();
    }

    private record ReorderKernel(ReorderDesc d, Attr attr) implements Kernel {
        @Override
        public void execute(ExecContext ctx) {
            MemorySegment src = ctx.segment(Arg.SRC);
            MemorySegment dst = ctx.segment(Arg.DST);
            MemoryDesc sd = d.src();
            MemoryDesc dd = d.dst();
            Padding.zero(dst, dd);
            long[] dims = sd.dims();
            ctx.engine().parallelFor(sd.nelems(), 4096, (begin, end) -> {
                PostOpsRef scale = new PostOpsRef(attr, dd, ctx);
                long[] index = Positions.decode(begin, dims);
                for (long p = begin; p < end; p++) {
                    long doff = dd.offsetUnchecked(index);
                    float v = src.getAtIndex(F32, sd.offsetUnchecked(index));
                    dst.setAtIndex(F32, doff, scale.apply(v, index, doff));
                    Positions.increment(index, dims);
                }
            });
        }
    }
}
