package dev.jdnn.primitives.ref;

import dev.jdnn.engines.Engine;
import dev.jdnn.memory.MemoryDesc;
import dev.jdnn.primitives.Arg;
import dev.jdnn.primitives.Attr;
import dev.jdnn.primitives.EltwiseDesc;
import dev.jdnn.primitives.spi.ExecContext;
import dev.jdnn.primitives.spi.Implementation;
import dev.jdnn.primitives.spi.Kernel;
import dev.jdnn.primitives.spi.Plan;
import dev.jdnn.primitives.spi.Support;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Reference forward eltwise over any layouts of src and dst (dst may be src: in place). */
public final class RefEltwise implements Implementation<EltwiseDesc> {
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;

    @Override
    public String name() {
        return "ref";
    }

    @Override
    public Plan plan(EltwiseDesc desc, Attr attr, Engine engine) {
        Support.requireF32("ref eltwise", attr, desc.src(), desc.dst());
        EltwiseDesc resolved = desc.dst().isAny()
                ? desc.withMemory(desc.src(), desc.dst().withFormat(dev.jdnn.memory.FormatTag.of(desc.src().format())))
                : desc;
        if (desc.dst().isAny() && desc.src().isBlocked()) {
            resolved = desc.withMemory(desc.src(), desc.src());
        } else if (desc.dst().isAny() && !desc.src().isDense()) {
            resolved = desc.withMemory(desc.src(), Support.orPlain(desc.dst()));
        }
        Plan.Builder plan = Plan.builder(resolved).input(Arg.SRC, resolved.src());
        PostOpsRef.declareInputs(plan, attr);
        EltwiseDesc d = resolved;
        return plan.output(Arg.DST, d.dst()).inPlace(Arg.SRC, Arg.DST).kernel(() -> new EltwiseKernel(d, attr)).build();
    }

    private record EltwiseKernel(EltwiseDesc d, Attr attr) implements Kernel {
        @Override
        public void execute(ExecContext ctx) {
            MemorySegment src = ctx.segment(Arg.SRC);
            MemorySegment dst = ctx.segment(Arg.DST);
            MemoryDesc sd = d.src();
            MemoryDesc dd = d.dst();
            Padding.zero(dst, dd);
            long[] dims = sd.dims();
            ctx.engine().parallelFor(sd.nelems(), 4096, (begin, end) -> {
                PostOpsRef post = new PostOpsRef(attr, dd, ctx);
                long[] index = Positions.decode(begin, dims);
                for (long p = begin; p < end; p++) {
                    long so = sd.offsetUnchecked(index);
                    long doff = dd.offsetUnchecked(index);
                    float v = EltwiseMath.forward(d.alg(), d.alpha(), d.beta(), src.getAtIndex(F32, so));
                    dst.setAtIndex(F32, doff, post.apply(v, index, doff));
                    Positions.increment(index, dims);
                }
            });
        }
    }
}
