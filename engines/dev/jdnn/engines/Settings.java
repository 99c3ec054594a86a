package dev.jdnn.engines;

/**
 * Reads jdnn's knobs: a system property wins over an environment variable. Blank values count as
 * absent.
 */
public final class Settings {
    private Settings() {
    }

    /** The value of system property {@code property}, else of environment variable {@code env}, else null. */
    public static String get(String property, String env) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) {
            v = env == null ? null : System.getenv(env);
        }
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** Like {@link #get}, parsed as an int; {@code fallback} when absent. */
    public static int getInt(String property, String env, int fallback) {
        String v = get(property, env);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw dev.jdnn.memory.JdnnException.invalid(property + " / " + env + " = '" + v + "' is not an integer");
        }
    }
}
