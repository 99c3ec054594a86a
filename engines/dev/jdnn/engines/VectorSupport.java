package dev.jdnn.engines;

import dev.jdnn.memory.JdnnException;
import dev.jdnn.memory.Status;
import java.lang.reflect.InvocationTargetException;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Decides once per JVM which {@link Isa} kernels use, and loads vector kernels only when the Vector
 * API can be used.
 *
 * <p>The Vector API lives in the incubator module {@code jdk.incubator.vector}, which the JVM
 * resolves only when asked ({@code --add-modules jdk.incubator.vector}). Without it jdnn still
 * works, on scalar code, and says once, through {@link System.Logger}, how to enable the fast
 * path. Vector kernel classes are loaded by name, so nothing touches the Vector API's classes
 * when it is absent.
 *
 * <p>{@code -Djdnn.isa} (or {@code JDNN_ISA}) caps the ISA: {@code scalar}, {@code 256},
 * {@code 512} or {@code auto} (the default: the machine's preferred species). A cap above what
 * the machine offers is lowered to it.
 */
public final class VectorSupport {
    private static final String MODULE = "jdk.incubator.vector";
    private static final System.Logger LOG = System.getLogger("dev.jdnn");
    private static final Isa ISA = detect();

    private VectorSupport() {
    }

    /** The ISA kernels use in this JVM. */
    public static Isa isa() {
        return ISA;
    }

    /** Whether vector kernels are in use. */
    public static boolean enabled() {
        return ISA != Isa.SCALAR;
    }

    /**
     * An implementation of {@code api}: an instance of the class named {@code vectorClass} (public
     * no-argument constructor) when vector kernels are in use, else {@code scalar.get()}.
     */
    public static <T> T load(Class<T> api, String vectorClass, Supplier<? extends T> scalar) {
        if (!enabled()) {
            return scalar.get();
        }
        try {
            Class<?> c = Class.forName(vectorClass, true, VectorSupport.class.getClassLoader());
            return api.cast(c.getConstructor().newInstance());
        } catch (ClassNotFoundException | NoSuchMethodException | InstantiationException
                | IllegalAccessException | InvocationTargetException e) {
            throw new JdnnException(Status.RUNTIME_ERROR, "cannot load vector kernel " + vectorClass + ": " + e, e);
        }
    }

    private static Isa detect() {
        String requested = Settings.get("jdnn.isa", "JDNN_ISA");
        Isa cap = parseCap(requested);
        if (cap == Isa.SCALAR) {
            return Isa.SCALAR;
        }
        if (!vectorModuleResolved()) {
            LOG.log(System.Logger.Level.WARNING, "jdnn: the Java Vector API (module " + MODULE
                    + ") is not available, so jdnn runs on scalar code, several times slower. "
                    + "Enable the vector path with the JVM option: --add-modules " + MODULE);
            return Isa.SCALAR;
        }
        String vmInfo = System.getProperty("java.vm.info", "");
        if (vmInfo.contains("interpreted mode")) {
            LOG.log(System.Logger.Level.WARNING, "jdnn: the JVM runs in interpreted mode (-Xint), where the "
                    + "Vector API is very slow; jdnn uses scalar code. Run without -Xint for the vector path.");
            return Isa.SCALAR;
        }
        int bits = preferredBits();
        Isa machine = bits >= 512 ? Isa.VECTOR_512 : bits >= 256 ? Isa.VECTOR_256 : Isa.SCALAR;
        if (machine == Isa.SCALAR) {
            LOG.log(System.Logger.Level.WARNING, "jdnn: the CPU's preferred vector width is " + bits
                    + " bits; jdnn's vector kernels need 256 or more, so it uses scalar code.");
        }
        return machine.ordinal() < cap.ordinal() ? machine : cap;
    }

    private static Isa parseCap(String requested) {
        if (requested == null) {
            return Isa.VECTOR_512;
        }
        return switch (requested.toLowerCase(Locale.ROOT)) {
            case "auto", "512", "vector_512", "avx512" -> Isa.VECTOR_512;
            case "256", "vector_256", "avx2" -> Isa.VECTOR_256;
            case "scalar", "0", "none" -> Isa.SCALAR;
            default -> throw JdnnException.invalid("jdnn.isa / JDNN_ISA = '" + requested
                    + "' is not one of auto, 512, 256, scalar");
        };
    }

    private static boolean vectorModuleResolved() {
        Module self = VectorSupport.class.getModule();
        java.util.Optional<Module> vector = ModuleLayer.boot().findModule(MODULE);
        if (vector.isEmpty()) {
            return false;
        }
        // A named dev.jdnn reads the module through "requires static"; the unnamed module reads all.
        return !self.isNamed() || self.canRead(vector.get());
    }

    private static int preferredBits() {
        try {
            Class<?> probe = Class.forName("dev.jdnn.engines.VectorProbe", true, VectorSupport.class.getClassLoader());
            return (int) probe.getMethod("preferredBits").invoke(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            LOG.log(System.Logger.Level.WARNING, "jdnn: cannot use the Vector API (" + e
                    + "); running scalar code.");
            return 0;
        }
    }
}
