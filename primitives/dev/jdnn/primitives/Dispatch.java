package dev.jdnn.primitives;

import dev.jdnn.engines.Engine;
import dev.jdnn.engines.Settings;
import dev.jdnn.memory.JdnnException;
import dev.jdnn.memory.Status;
import dev.jdnn.primitives.spi.Implementation;
import dev.jdnn.primitives.spi.Plan;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks the implementation of a descriptor: the first in the kind's ordered list whose plan
 * succeeds (the reference implementation is last and accepts everything supported).
 *
 * <p>An implementation can be forced by name, per descriptor ({@code .implementation("ref")})
 * or for the whole JVM ({@code -Djdnn.impl=ref} or {@code JDNN_IMPL=ref}; a comma list names
 * several). A name matches an implementation whose name equals it or starts with it followed by
 * {@code ':'}. Where no forced name matches any implementation of the kind, dispatch is normal;
 * where one matches, only the matching ones are tried, and their refusal is an error saying why.
 */
final class Dispatch {
    private Dispatch() {
    }

    /** The global forced implementation list, or null. */
    static String globalForced() {
        return Settings.get("jdnn.impl", "JDNN_IMPL");
    }

    static <D extends OpDesc> PrimitiveDesc select(Engine engine, D desc, Attr attr,
            List<? extends Implementation<D>> impls, String forcedByCaller) {
        JdnnException.requireNonNull(engine, "engine");
        if (engine.isClosed()) {
            throw new JdnnException(Status.RUNTIME_ERROR, "engine " + engine + " is closed");
        }
        String forced = forcedByCaller != null ? forcedByCaller : globalForced();
        List<? extends Implementation<D>> candidates = impls;
        if (forced != null) {
            List<Implementation<D>> matching = new ArrayList<>();
            for (String name : forced.split(",")) {
                for (Implementation<D> impl : impls) {
                    if (matches(impl.name(), name.trim()) && !matching.contains(impl)) {
                        matching.add(impl);
                    }
                }
            }
            if (!matching.isEmpty()) {
                candidates = matching;
            } else if (forcedByCaller != null) {
                throw JdnnException.invalid(desc.kind().oneDnnName() + ": no implementation named '" + forced
                        + "'; there are " + names(impls));
            }
        }
        StringBuilder refusals = new StringBuilder();
        for (Implementation<D> impl : candidates) {
            try {
                Plan plan = impl.plan(desc, attr, engine);
                return new PrimitiveDesc(engine, desc, attr, impl.name(), plan);
            } catch (JdnnException e) {
                if (e.status() != Status.UNIMPLEMENTED) {
                    throw e;
                }
                Verbose.refused(desc, impl.name(), e.getMessage());
                refusals.append(refusals.isEmpty() ? "" : "; ").append(impl.name()).append(": ").append(e.getMessage());
            }
        }
        String what = desc.kind().oneDnnName() + " " + desc.propKind().oneDnnName() + " " + desc.problem();
        if (candidates != impls) {
            throw JdnnException.unimplemented("forced implementation '" + forced + "' refused " + what + " (" + refusals + ")");
        }
        throw JdnnException.unimplemented("no implementation accepts " + what + " (" + refusals + ")");
    }

    private static boolean matches(String implName, String requested) {
        return implName.equals(requested) || implName.startsWith(requested + ":");
    }

    private static String names(List<? extends Implementation<?>> impls) {
        List<String> names = new ArrayList<>();
        for (Implementation<?> i : impls) {
            names.add(i.name());
        }
        return names.toString();
    }
}
