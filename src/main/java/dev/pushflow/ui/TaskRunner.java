package dev.pushflow.ui;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Runs long work (sends, file reads, engine calls that may block) off the UI thread and hands the result
 * back on it. The synchronous twin runs everything in place, so view models are tested without a toolkit.
 */
public interface TaskRunner {

    <T> void run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure);

    /** Work on a small daemon pool, results through {@code uiThread} (Platform::runLater). */
    static TaskRunner background(java.util.concurrent.Executor uiThread) {
        ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "pushflow-ui-task");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY); // background work (a scenario's flood) must not starve the window
            return t;
        });
        return new TaskRunner() {
            @Override
            public <T> void run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
                pool.execute(() -> {
                    try {
                        T result = work.call();
                        uiThread.execute(() -> onSuccess.accept(result));
                    } catch (Throwable t) {
                        uiThread.execute(() -> onFailure.accept(t));
                    }
                });
            }
        };
    }

    /** Runs the work and its callback in place (tests). */
    static TaskRunner synchronous() {
        return new TaskRunner() {
            @Override
            public <T> void run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
                T result;
                try {
                    result = work.call();
                } catch (Throwable t) {
                    onFailure.accept(t);
                    return;
                }
                onSuccess.accept(result);
            }
        };
    }

    /** A short message for a failure: the exception's own sentence, without class names. */
    static String message(Throwable t) {
        Throwable c = t;
        while ((c instanceof java.util.concurrent.CompletionException
                || c instanceof java.util.concurrent.ExecutionException
                || c instanceof java.lang.reflect.InvocationTargetException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }
}
