package dev.jdnn.primitives;

import dev.jdnn.memory.JdnnException;
import dev.jdnn.memory.Memory;
import java.util.Arrays;

/**
 * The memories a primitive executes on, by argument kind. A small mutable map: a framework can
 * keep one per call site and swap memories between calls. Lookups allocate nothing. Not
 * thread-safe; a primitive only reads it during {@code execute}.
 */
public final class Args {
    private Arg[] keys = new Arg[4];
    private Memory[] values = new Memory[4];
    private int size;

    public Args() {
    }

    public static Args of(Arg a, Memory ma) {
        return new Args().put(a, ma);
    }

    public static Args of(Arg a, Memory ma, Arg b, Memory mb) {
        return of(a, ma).put(b, mb);
    }

    public static Args of(Arg a, Memory ma, Arg b, Memory mb, Arg c, Memory mc) {
        return of(a, ma, b, mb).put(c, mc);
    }

    public static Args of(Arg a, Memory ma, Arg b, Memory mb, Arg c, Memory mc, Arg d, Memory md) {
        return of(a, ma, b, mb, c, mc).put(d, md);
    }

    public static Args of(Arg a, Memory ma, Arg b, Memory mb, Arg c, Memory mc, Arg d, Memory md, Arg e, Memory me) {
        return of(a, ma, b, mb, c, mc, d, md).put(e, me);
    }

    /** Sets (or replaces) the memory of {@code arg}; returns this. */
    public Args put(Arg arg, Memory memory) {
        JdnnException.requireNonNull(arg, "argument kind");
        JdnnException.requireNonNull(memory, "memory for argument " + arg);
        for (int i = 0; i < size; i++) {
            if (keys[i].equals(arg)) {
                values[i] = memory;
                return this;
            }
        }
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        keys[size] = arg;
        values[size] = memory;
        size++;
        return this;
    }

    /** Removes {@code arg}; returns this. */
    public Args remove(Arg arg) {
        for (int i = 0; i < size; i++) {
            if (keys[i].equals(arg)) {
                System.arraycopy(keys, i + 1, keys, i, size - i - 1);
                System.arraycopy(values, i + 1, values, i, size - i - 1);
                size--;
                keys[size] = null;
                values[size] = null;
                return this;
            }
        }
        return this;
    }

    /** The memory of {@code arg}, or null. */
    public Memory get(Arg arg) {
        for (int i = 0; i < size; i++) {
            if (keys[i].equals(arg)) {
                return values[i];
            }
        }
        return null;
    }

    public int size() {
        return size;
    }

    /** The {@code i}-th argument kind, in insertion order. */
    public Arg argAt(int i) {
        return keys[i];
    }

    /** The {@code i}-th memory, in insertion order. */
    public Memory memoryAt(int i) {
        return values[i];
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Args{");
        for (int i = 0; i < size; i++) {
            sb.append(i == 0 ? "" : ", ").append(keys[i]).append('=').append(values[i].desc());
        }
        return sb.append('}').toString();
    }
}
