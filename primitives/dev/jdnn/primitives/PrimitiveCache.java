package dev.jdnn.primitives;

import dev.jdnn.engines.Settings;
import dev.jdnn.memory.JdnnException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An LRU cache of primitives keyed by (operation descriptor, attributes, engine, implementation),
 * as oneDNN's primitive cache: creating an identical primitive again returns the one already made.
 * Capacity: {@code -Djdnn.primitive.cache.capacity} or {@code JDNN_PRIMITIVE_CACHE_CAPACITY}
 * (default 1024; 0 disables it), or {@link #setCapacity}. Thread-safe.
 */
public final class PrimitiveCache {
    private static final int DEFAULT_CAPACITY = 1024;

    private record Key(OpDesc desc, Attr attr, long engineId, String impl) {
    }

    private static int capacity = Settings.getInt("jdnn.primitive.cache.capacity", "JDNN_PRIMITIVE_CACHE_CAPACITY",
            DEFAULT_CAPACITY);
    private static long hits;
    private static long misses;
    private static final LinkedHashMap<Key, Primitive> ENTRIES = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Primitive> eldest) {
            return size() > capacity;
        }
    };

    private PrimitiveCache() {
    }

    static Primitive getOrCreate(PrimitiveDesc pd) {
        Key key = new Key(pd.requestedDesc(), pd.attr(), pd.engine().id(), pd.implName());
        synchronized (ENTRIES) {
            Primitive hit = capacity > 0 ? ENTRIES.get(key) : null;
            if (hit != null) {
                hits++;
                Verbose.create(pd, true, 0);
                return hit;
            }
            misses++;
        }
        long start = System.nanoTime();
        Primitive made = new CpuPrimitive(pd);
        Verbose.create(pd, false, (System.nanoTime() - start) / 1e6);
        synchronized (ENTRIES) {
            if (capacity > 0) {
                Primitive raced = ENTRIES.putIfAbsent(key, made);
                return raced != null ? raced : made;
            }
        }
        return made;
    }

    public static int capacity() {
        synchronized (ENTRIES) {
            return capacity;
        }
    }

    /** Sets the capacity (0 disables the cache), evicting the least recently used entries. */
    public static void setCapacity(int newCapacity) {
        if (newCapacity < 0) {
            throw JdnnException.invalid("primitive cache capacity = " + newCapacity + " must be >= 0");
        }
        synchronized (ENTRIES) {
            capacity = newCapacity;
            var it = ENTRIES.entrySet().iterator();
            while (ENTRIES.size() > capacity && it.hasNext()) {
                it.next();
                it.remove();
            }
        }
    }

    /** Number of cached primitives. */
    public static int size() {
        synchronized (ENTRIES) {
            return ENTRIES.size();
        }
    }

    /** Lookups that found a primitive, since the start (or {@link #clear}). */
    public static long hits() {
        synchronized (ENTRIES) {
            return hits;
        }
    }

    /** Lookups that had to create a primitive. */
    public static long misses() {
        synchronized (ENTRIES) {
            return misses;
        }
    }

    /** Empties the cache and resets the counters. */
    public static void clear() {
        synchronized (ENTRIES) {
            ENTRIES.clear();
            hits = 0;
            misses = 0;
        }
    }
}
