package dev.jdnn.engines.gemm;

import dev.jdnn.engines.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Cache-block sizes of the SGEMM core, derived from the data caches and the micro-kernel's tile
 * (tuned on a Zen 5 core: 48 KiB L1d, 1 MiB L2 give kc = 512, mc = 252, nc = 4096;
 * kc = 512 measured 1-7% faster than 384 on 1024^3, 2048^3 and 512x768x3072).
 *
 * <ul>
 * <li>{@code kc}: a packed {@code mr x kc} A micro-panel takes about half of L1d, so it stays in L1
 * while the micro-kernel streams the B panels past it (B rows are sequential, so the hardware
 * prefetchers keep them coming from L2/L3).</li>
 * <li>{@code mc}: the packed {@code mc x kc} A block takes about half of L2.</li>
 * <li>{@code nc}: the packed {@code kc x nc} B block takes at most a quarter of L3, capped at 4096
 * columns (the per-thread pack buffer is {@code kc * nc} floats).</li>
 * </ul>
 * Cache sizes come from Linux's {@code /sys/devices/system/cpu/cpu0/cache}; elsewhere 32 KiB L1d,
 * 1 MiB L2 and 8 MiB L3 are assumed. {@code -Djdnn.gemm.kc}, {@code .mc}, {@code .nc} override the
 * results (for tuning; {@code mc} is rounded to a multiple of {@code mr}, {@code nc} of {@code nr}).
 */
public record GemmBlocking(int mr, int nr, int kc, int mc, int nc) {
    public GemmBlocking {
        if (mr < 1 || nr < 1 || kc < 1 || mc < mr || nc < nr || mc % mr != 0 || nc % nr != 0) {
            throw new IllegalArgumentException("bad blocking " + mr + "," + nr + "," + kc + "," + mc + "," + nc);
        }
    }

    /** Blocking for {@code kernel} on this machine's caches (and the override properties). */
    public static GemmBlocking of(MicroKernel kernel) {
        long l1 = cacheBytes(1, 32 << 10);
        long l2 = cacheBytes(2, 1 << 20);
        long l3 = cacheBytes(3, 8 << 20);
        int mr = kernel.mr();
        int nr = kernel.nr();
        int kc = (int) clamp(l1 / 2 / (4L * mr) / 16 * 16, 64, 1024);
        if (kernel.lanes() == 1) {
            kc = 256; // the scalar kernel does not keep a B panel in L1 the same way
        }
        kc = Settings.getInt("jdnn.gemm.kc", null, kc);
        int mc = (int) clamp(l2 / 2 / (4L * kc) / mr * mr, mr, 4096L / mr * mr);
        mc = Math.max(mr, Settings.getInt("jdnn.gemm.mc", null, mc) / mr * mr);
        int nc = (int) clamp(l3 / 4 / (4L * kc) / nr * nr, nr, 4096L / nr * nr);
        nc = Math.max(nr, Settings.getInt("jdnn.gemm.nc", null, nc) / nr * nr);
        return new GemmBlocking(mr, nr, kc, mc, nc);
    }

    /** The K block for a GEMM of depth {@code k}: at most {@code kc}, the blocks as even as possible. */
    public int kcFor(int k) {
        return kcFor(k, kc);
    }

    /** The K block for depth {@code k}: at most {@code max}, the blocks as even as possible. */
    public static int kcFor(int k, int max) {
        int blocks = Math.max(1, (k + max - 1) / max);
        return (k + blocks - 1) / blocks;
    }

    /** The M block for {@code m} rows: at most {@code mc}, a multiple of {@code mr}, the blocks as even as possible. */
    public int mcFor(int m) {
        int blocks = Math.max(1, (m + mc - 1) / mc);
        int per = (m + blocks - 1) / blocks;
        return Math.min(mc, (per + mr - 1) / mr * mr);
    }

    private static long clamp(long v, long lo, long hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** Size in bytes of the level-{@code level} data (or unified) cache of cpu0, else {@code fallback}. */
    static long cacheBytes(int level, long fallback) {
        Path dir = Path.of("/sys/devices/system/cpu/cpu0/cache");
        for (int index = 0; index < 8; index++) {
            Path d = dir.resolve("index" + index);
            try {
                if (!Files.isDirectory(d)) {
                    continue;
                }
                int lvl = Integer.parseInt(Files.readString(d.resolve("level")).trim());
                String type = Files.readString(d.resolve("type")).trim();
                if (lvl != level || type.equals("Instruction")) {
                    continue;
                }
                return parseSize(Files.readString(d.resolve("size")).trim(), fallback);
            } catch (IOException | NumberFormatException | SecurityException e) {
                return fallback;
            }
        }
        return fallback;
    }

    static long parseSize(String s, long fallback) {
        if (s.isEmpty()) {
            return fallback;
        }
        char unit = Character.toUpperCase(s.charAt(s.length() - 1));
        long mult = switch (unit) {
            case 'K' -> 1L << 10;
            case 'M' -> 1L << 20;
            case 'G' -> 1L << 30;
            default -> 1;
        };
        String digits = mult == 1 ? s : s.substring(0, s.length() - 1);
        long v = Long.parseLong(digits.trim()) * mult;
        return v > 0 ? v : fallback;
    }
}
