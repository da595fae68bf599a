package io.pharos.app;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javafx.application.Platform;

/**
 * JavaFX's toolkit, which a process starts once. For a console start it is begun at once, on a
 * thread of its own, so that it comes up while the command line is parsed and the store opened
 * (picocli's classes are too old for the start-up cache and load slowly on the main thread: 0.2 s
 * measured of a 2.6 s start). Anything else starts it only if the console asks.
 */
final class FxToolkit {
    /**
     * The words that make a command line something else than the console: the subcommands, help
     * and version (a test keeps this list equal to the command line's own). Not {@code open}: it opens
     * console windows on snapshots, and starts as the console does.
     */
    static final Set<String> NOT_THE_CONSOLE = Set.of("generate", "import", "rules", "backtest", "capacity",
            "responses", "snapshot", "agent", "help", "-h", "--help", "-V", "--version");

    /** Done when the toolkit is up; null when it is started on demand. */
    private final CompletableFuture<Void> started;

    private FxToolkit(CompletableFuture<Void> started) {
        this.started = started;
    }

    /** Started on demand, by the first {@link #run}: tests, and command lines that are not the console. */
    static FxToolkit onDemand() {
        return new FxToolkit(null);
    }

    /** Begun now when the arguments start the console and there is a display to start it on. */
    static FxToolkit forArguments(String... args) {
        for (String arg : args) {
            if (NOT_THE_CONSOLE.contains(arg)) {
                return onDemand();
            }
        }
        if (!hasDisplay()) {
            return onDemand(); // the console says so plainly, where a background start would fail in GTK
        }
        CompletableFuture<Void> started = new CompletableFuture<>();
        Thread starter = new Thread(() -> {
            try {
                Platform.startup(() -> started.complete(null));
            } catch (RuntimeException | Error e) {
                started.completeExceptionally(e);
            }
        }, "pharos-fx-start");
        starter.setDaemon(true);
        starter.start();
        return new FxToolkit(started);
    }

    boolean begunEarly() {
        return started != null;
    }

    /** Runs {@code onFxThread} on the JavaFX thread once the toolkit is up, starting it if need be. */
    void run(Runnable onFxThread) {
        if (started == null) {
            Platform.startup(onFxThread);
            return;
        }
        try {
            started.join();
        } catch (CompletionException e) {
            switch (e.getCause()) {
                case RuntimeException r -> throw r;
                case Error err -> throw err;
                default -> throw e;
            }
        }
        Platform.runLater(onFxThread);
    }

    /** Whether JavaFX can open a window here: a display on Linux (or the headless platform of the tests). */
    static boolean hasDisplay() {
        boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
        boolean headless = "Headless".equals(System.getProperty("glass.platform"));
        return !linux || headless || !isBlank(System.getenv("DISPLAY")) || !isBlank(System.getenv("WAYLAND_DISPLAY"));
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
