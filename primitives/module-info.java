/**
 * jdnn: deep-learning primitives in pure Java, in the manner of oneDNN.
 *
 * <p>Layers, each depending only on those before it: {@code dev.jdnn.memory} (data types, memory
 * descriptors, memory), {@code dev.jdnn.engines} (engine, stream, threads, vector support),
 * {@code dev.jdnn.primitives} (descriptors, primitive descriptors, primitives).
 *
 * <p>The Vector API is optional: with {@code --add-modules jdk.incubator.vector} the vector
 * kernels run, without it scalar ones do.
 */
module dev.jdnn {
    requires static jdk.incubator.vector;

    exports dev.jdnn.memory;
    exports dev.jdnn.engines;
    exports dev.jdnn.engines.gemm;
    exports dev.jdnn.primitives;
    /** The implementation SPI: how an implementation plans a descriptor and computes. */
    exports dev.jdnn.primitives.spi;
}
