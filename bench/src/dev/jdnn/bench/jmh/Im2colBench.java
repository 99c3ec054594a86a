package dev.jdnn.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The im2col step of an im2col+GEMM convolution: unfolding an NCHW image into the
 * {@code [IC*KH*KW][OH*OW]} matrix the GEMM multiplies the weights with.
 *
 * <p>jdnn has no im2col kernel yet, so this benchmarks a plain loop written here, the baseline
 * the library's future im2col (and the im2col+GEMM convolution built on it) must beat. Shapes
 * are ResNet-50 layers at minibatch 1 (one image): {@code IC:IH:K:S:P}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class Im2colBench {
    /** conv1 (7x7 stride 2), res2 3x3, res3a 3x3 stride 2 (v1.5), res4 3x3. */
    @Param({"3:224:7:2:3", "64:56:3:1:1", "128:56:3:2:1", "256:14:3:1:1"})
    public String layer;

    private int ic;
    private int ih;
    private int k;
    private int stride;
    private int pad;
    private int oh;
    private float[] src;
    private float[] columns;

    @Setup
    public void setUp() {
        String[] f = layer.split(":");
        ic = Integer.parseInt(f[0]);
        ih = Integer.parseInt(f[1]);
        k = Integer.parseInt(f[2]);
        stride = Integer.parseInt(f[3]);
        pad = Integer.parseInt(f[4]);
        oh = (ih + 2 * pad - k) / stride + 1;
        src = new float[ic * ih * ih];
        for (int i = 0; i < src.length; i++) {
            src[i] = (i % 17) - 8;
        }
        columns = new float[ic * k * k * oh * oh];
    }

    @Benchmark
    public void im2col(Blackhole bh) {
        im2col(src, columns, ic, ih, k, stride, pad, oh);
        bh.consume(columns);
    }

    /**
     * {@code columns[(c*K + kh)*K + kw][oy*OH + ox] = src[c][oy*S - P + kh][ox*S - P + kw]}, zero
     * where that falls on the padding (square images and kernels).
     */
    static void im2col(float[] src, float[] columns, int ic, int ih, int k, int stride, int pad, int oh) {
        int row = 0;
        for (int c = 0; c < ic; c++) {
            for (int kh = 0; kh < k; kh++) {
                for (int kw = 0; kw < k; kw++, row++) {
                    int out = row * oh * oh;
                    for (int oy = 0; oy < oh; oy++) {
                        int iy = oy * stride - pad + kh;
                        boolean rowInside = iy >= 0 && iy < ih;
                        int base = (c * ih + iy) * ih;
                        for (int ox = 0; ox < oh; ox++) {
                            int ix = ox * stride - pad + kw;
                            columns[out++] = rowInside && ix >= 0 && ix < ih ? src[base + ix] : 0f;
                        }
                    }
                }
            }
        }
    }
}
