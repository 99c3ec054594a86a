package dev.jdnn.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdnn.engines.Engine;
import dev.jdnn.primitives.Arg;
import dev.jdnn.primitives.Attr;
import dev.jdnn.primitives.ConvolutionDesc;
import dev.jdnn.primitives.Implementations;
import dev.jdnn.primitives.PrimitiveKind;
import dev.jdnn.primitives.ref.RefConvolution;
import dev.jdnn.primitives.spi.Implementation;
import dev.jdnn.primitives.spi.Kernel;
import dev.jdnn.primitives.spi.Plan;
import java.lang.foreign.ValueLayout;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Correctness mode can fail: a deliberately wrong convolution (the reference's result with its
 * first output element off by one), forced with {@code --impl}, is reported FAILED and the run
 * exits with status 1; the same problem on the reference passes.
 */
class BrokenImplementationTest {
    /** The reference convolution, then dst[0] += 1. */
    static final class OffByOne implements Implementation<ConvolutionDesc> {
        private final RefConvolution ref = new RefConvolution();

        @Override
        public String name() {
            return "broken:off_by_one";
        }

        @Override
        public Plan plan(ConvolutionDesc desc, Attr attr, Engine engine) {
            Plan p = ref.plan(desc, attr, engine);
            Plan.Builder b = Plan.builder(p.desc()).scratchpad(p.scratchpadBytes());
            p.inputs().forEach(b::input);
            p.outputs().forEach(b::output);
            for (Map.Entry<Arg, Arg> e : p.inPlace().entrySet()) {
                b.inPlace(e.getValue(), e.getKey());
            }
            return b.kernel(() -> {
                Kernel right = p.newKernel();
                return ctx -> {
                    right.execute(ctx);
                    var dst = ctx.segment(Arg.DST);
                    dst.set(ValueLayout.JAVA_FLOAT, 0, dst.get(ValueLayout.JAVA_FLOAT, 0) + 1f);
                };
            }).build();
        }
    }

    private final OffByOne broken = new OffByOne();

    @BeforeEach
    void register() {
        Implementations.register(PrimitiveKind.CONVOLUTION, broken);
    }

    @AfterEach
    void unregister() {
        Implementations.unregister(PrimitiveKind.CONVOLUTION, broken);
    }

    @Test
    void aWrongImplementationIsReportedFailed() {
        DriverEndToEndTest.Run r = DriverEndToEndTest.run("--impl=broken", "--conv", "mb1ic4ih6oc4kh3ph1");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).contains("0:FAILED (broken:off_by_one; errors:1 total:144; ")
                .contains("__REPRO: --conv --impl=broken mb1ic4ih6iw6oc4")
                .contains("[mismatch] [dst][0]")
                .contains("tests:1 passed:0 skipped:0 mistrusted:0 unimplemented:0 invalid_arguments:0 failed:1");
    }

    @Test
    void normalDispatchNowPicksTheBrokenOneAndTheReferenceStillPasses() {
        assertThat(DriverEndToEndTest.run("--conv", "mb1ic4ih6oc4kh3ph1").out()).contains("0:FAILED (broken:off_by_one;");
        DriverEndToEndTest.Run ref = DriverEndToEndTest.run("--impl=ref", "--conv", "mb1ic4ih6oc4kh3ph1");
        assertThat(ref.status()).isZero();
        assertThat(ref.out()).contains("0:PASSED (ref; ");
    }

    @Test
    void anImplementationNameThatDoesNotExistIsSkippedAsInBenchdnn() {
        DriverEndToEndTest.Run r = DriverEndToEndTest.run("--impl=nonexistent", "--conv", "mb1ic4ih6oc4kh3ph1");
        assertThat(r.out()).contains("0:SKIPPED (SKIP_IMPL_HIT: no implementation named 'nonexistent'").contains("skipped:1");
        assertThat(r.status()).isZero();
    }
}
