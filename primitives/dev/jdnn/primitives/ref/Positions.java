package dev.jdnn.primitives.ref;

/** Row-major logical positions: decoding a linear position into an index, and stepping it. */
final class Positions {
    private Positions() {
    }

    /** The logical index of row-major position {@code position} in {@code dims}. */
    static long[] decode(long position, long[] dims) {
        long[] index = new long[dims.length];
        for (int d = dims.length - 1; d >= 0; d--) {
            index[d] = position % dims[d];
            position /= dims[d];
        }
        return index;
    }

    /** Steps {@code index} to the next row-major position (wrapping to zero after the last). */
    static void increment(long[] index, long[] dims) {
        for (int d = dims.length - 1; d >= 0; d--) {
            if (++index[d] < dims[d]) {
                return;
            }
            index[d] = 0;
        }
    }
}
