package io.pharos.app;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** The platform's per-user data and cache directories for Pharos, as each OS expects them. */
public final class DataDirectory {
    private DataDirectory() {
    }

    public static Path defaultFor(String osName, Map<String, String> env, String userHome) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String local = env.get("LOCALAPPDATA");
            return local != null && !local.isBlank() ? Path.of(local, "Pharos") : Path.of(userHome, "AppData", "Local", "Pharos");
        }
        if (os.contains("mac")) {
            return Path.of(userHome, "Library", "Application Support", "Pharos");
        }
        String xdg = env.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "pharos");
        }
        return Path.of(userHome, ".local", "share", "pharos");
    }

    public static Path defaultForThisUser() {
        return defaultFor(System.getProperty("os.name"), System.getenv(), System.getProperty("user.home"));
    }

    /** Where Pharos keeps what it can make again (SQLite's unpacked native library): never the data. */
    public static Path cacheFor(String osName, Map<String, String> env, String userHome) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            return defaultFor(osName, env, userHome).resolve("Cache");
        }
        if (os.contains("mac")) {
            return Path.of(userHome, "Library", "Caches", "Pharos");
        }
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "pharos");
        }
        return Path.of(userHome, ".cache", "pharos");
    }

    public static Path cacheForThisUser() {
        return cacheFor(System.getProperty("os.name"), System.getenv(), System.getProperty("user.home"));
    }
}
