package dev.jdnn.memory;

import java.util.Locale;

/** Element data types, as oneDNN names them. */
public enum DataType {
    F32(4),
    BF16(2),
    F16(2),
    S32(4),
    S8(1),
    U8(1);

    private final int size;

    DataType(int size) {
        this.size = size;
    }

    /** Size of one element in bytes. */
    public int size() {
        return size;
    }

    /** oneDNN's short name: {@code f32}, {@code bf16}, {@code s8}, ... */
    public String shortName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a short name ({@code f32}) or the enum name ({@code F32}). */
    public static DataType of(String name) {
        JdnnException.requireNonNull(name, "data type name");
        for (DataType t : values()) {
            if (t.name().equalsIgnoreCase(name)) {
                return t;
            }
        }
        throw JdnnException.invalid("unknown data type '" + name + "' (expected one of f32, bf16, f16, s32, s8, u8)");
    }

    @Override
    public String toString() {
        return shortName();
    }
}
