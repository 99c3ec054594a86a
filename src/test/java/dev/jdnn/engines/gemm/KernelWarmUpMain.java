package dev.jdnn.engines.gemm;

import java.time.Duration;

/** Run by {@link KernelJitTest} in a JVM printing its compilations: {@link Sgemm#warmUp}, then the result. */
public final class KernelWarmUpMain {
    private KernelWarmUpMain() {
    }

    public static void main(String[] args) {
        boolean ok = Sgemm.warmUp(Duration.ofSeconds(90));
        System.out.println();
        System.out.println("warmUp " + ok);
        System.out.println("kernel " + Sgemm.kernelName());
    }
}
