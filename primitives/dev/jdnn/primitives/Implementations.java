package dev.jdnn.primitives;

import dev.jdnn.memory.JdnnException;
import dev.jdnn.primitives.cpu.GemmInnerProduct;
import dev.jdnn.primitives.cpu.GemmMatMul;
import dev.jdnn.primitives.ref.RefConvolution;
import dev.jdnn.primitives.ref.RefEltwise;
import dev.jdnn.primitives.ref.RefInnerProduct;
import dev.jdnn.primitives.ref.RefMatMul;
import dev.jdnn.primitives.ref.RefPooling;
import dev.jdnn.primitives.ref.RefReorder;
import dev.jdnn.primitives.spi.Implementation;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The ordered implementation list of every primitive kind: fast implementations first, the
 * reference implementation last (it accepts everything the descriptor allows). Dispatch takes
 * the first that accepts a descriptor.
 *
 * <p>{@link #register} adds an implementation in front of a kind's list (tests use it to plug in
 * a deliberately broken implementation; extensions could add their own). Thread-safe.
 */
public final class Implementations {
    private static final Map<PrimitiveKind, CopyOnWriteArrayList<Implementation<?>>> LISTS = new EnumMap<>(PrimitiveKind.class);

    static {
        define(PrimitiveKind.CONVOLUTION, new RefConvolution());
        define(PrimitiveKind.POOLING, new RefPooling());
        define(PrimitiveKind.MATMUL, new GemmMatMul(), new RefMatMul());
        define(PrimitiveKind.ELTWISE, new RefEltwise());
        define(PrimitiveKind.REORDER, new RefReorder());
        define(PrimitiveKind.INNER_PRODUCT, new GemmInnerProduct(), new RefInnerProduct());
    }

    private Implementations() {
    }

    private static void define(PrimitiveKind kind, Implementation<?>... impls) {
        LISTS.put(kind, new CopyOnWriteArrayList<>(impls));
    }

    /** The current list of {@code kind}, first choice first. */
    public static List<String> names(PrimitiveKind kind) {
        return list(kind).stream().map(Implementation::name).toList();
    }

    /**
     * Puts {@code impl} first in the list of {@code kind}. Its descriptor type must be the kind's
     * ({@code ConvolutionDesc} for CONVOLUTION, ...).
     */
    public static void register(PrimitiveKind kind, Implementation<?> impl) {
        JdnnException.requireNonNull(impl, "implementation");
        list(kind).add(0, impl);
    }

    /** Removes a registered implementation; returns whether it was there. */
    public static boolean unregister(PrimitiveKind kind, Implementation<?> impl) {
        return list(kind).remove(impl);
    }

    @SuppressWarnings("unchecked")
    static <D extends OpDesc> List<Implementation<D>> of(PrimitiveKind kind) {
        return (List<Implementation<D>>) (List<?>) list(kind);
    }

    private static CopyOnWriteArrayList<Implementation<?>> list(PrimitiveKind kind) {
        JdnnException.requireNonNull(kind, "primitive kind");
        CopyOnWriteArrayList<Implementation<?>> l = LISTS.get(kind);
        if (l == null) {
            throw JdnnException.unimplemented("no implementation of " + kind.oneDnnName() + " exists yet");
        }
        return l;
    }
}
