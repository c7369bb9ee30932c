package dev.overtime.webadapter;

/**
 * Whether the app passed its readiness check, shared by the invoke loops. With
 * {@code AWS_LWA_ASYNC_INIT}, init stops checking after {@value #ASYNC_INIT_BUDGET_MILLIS} ms (just
 * inside Lambda's 10 s init budget) and the first invoke goes on checking until the app is ready.
 */
final class AppReadiness {

    static final long ASYNC_INIT_BUDGET_MILLIS = 9800;

    private final Readiness check;
    private volatile boolean ready;

    AppReadiness(Readiness check) {
        this.check = check;
    }

    /** During init: checks until ready, or until {@code budgetMillis} (0: no limit) runs out. */
    void awaitAtInit(long budgetMillis) throws InterruptedException {
        ready = check.await(budgetMillis);
    }

    /** Before each invoke: returns at once once the app was ready, else checks until it is. */
    void awaitFirstInvoke() throws InterruptedException {
        if (ready) {
            return;
        }
        synchronized (this) {
            if (!ready) {
                check.await(0);
                ready = true;
            }
        }
    }

    boolean isReady() {
        return ready;
    }
}
