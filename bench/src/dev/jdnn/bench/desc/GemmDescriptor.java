package dev.jdnn.bench.desc;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * jdnn's raw SGEMM problem, {@code C[M][N] = A[M][K] * B[K][N]} in row-major storage:
 * {@code MxNxK[_tA][_tB][_n"name"]}. {@code _tA} stores A transposed ({@code K x M}), {@code _tB}
 * stores B transposed ({@code N x K}); they may be joined ({@code _tAtB}) and the name may follow
 * with or without its underscore. Examples: {@code 1024x1024x1024}, {@code 384x768x3072_tB_n"bert:ffn"}.
 */
public record GemmDescriptor(long m, long n, long k, boolean transA, boolean transB, String name) {
    private static final Pattern FORM = Pattern.compile("(\\d{1,12})x(\\d{1,12})x(\\d{1,12})((?:_?t[AB])*)_?(?:n(.*))?");

    public static GemmDescriptor parse(String descriptor) {
        Matcher matcher = FORM.matcher(descriptor);
        if (!matcher.matches()) {
            throw new BadInputException("gemm descriptor '" + descriptor + "': expected MxNxK[_tA][_tB][_n\"name\"]");
        }
        long m = Long.parseLong(matcher.group(1));
        long n = Long.parseLong(matcher.group(2));
        long k = Long.parseLong(matcher.group(3));
        if (m <= 0 || n <= 0 || k <= 0) {
            throw new BadInputException("gemm descriptor '" + descriptor + "': M, N and K must be positive");
        }
        String transposes = matcher.group(4);
        boolean ta = transposes.contains("tA");
        boolean tb = transposes.contains("tB");
        if (transposes.indexOf("tA") != transposes.lastIndexOf("tA") || transposes.indexOf("tB") != transposes.lastIndexOf("tB")) {
            throw new BadInputException("gemm descriptor '" + descriptor + "': a transpose is given twice");
        }
        String name = matcher.group(5) == null ? "" : DescriptorLexer.unquote(matcher.group(5));
        return new GemmDescriptor(m, n, k, ta, tb, name);
    }

    /** 2 * M * N * K. */
    public double flops() {
        return 2.0 * m * n * k;
    }

    @Override
    public String toString() {
        return m + "x" + n + "x" + k + (transA ? "_tA" : "") + (transB ? "_tB" : "") + (name.isEmpty() ? "" : "_n\"" + name + "\"");
    }
}
