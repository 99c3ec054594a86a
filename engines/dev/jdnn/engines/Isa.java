package dev.jdnn.engines;

/** The instruction sets jdnn's kernels are written for: the Vector API at a width, or plain Java. */
public enum Isa {
    /** Plain Java loops (the Vector API is unavailable or switched off). */
    SCALAR(0),
    /** Vector API with 256-bit species (AVX2-class machines, or forced). */
    VECTOR_256(256),
    /** Vector API with 512-bit species (AVX-512 machines). */
    VECTOR_512(512);

    private final int bits;

    Isa(int bits) {
        this.bits = bits;
    }

    /** Vector width in bits (0 for scalar). */
    public int bits() {
        return bits;
    }

    /** float lanes per vector (1 for scalar). */
    public int floatLanes() {
        return bits == 0 ? 1 : bits / 32;
    }
}
