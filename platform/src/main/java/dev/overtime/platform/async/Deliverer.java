package dev.overtime.platform.async;

import java.util.concurrent.CompletableFuture;

/** Delivers events to one kind of target: a function, or a webhook. Never completes exceptionally. */
interface Deliverer {

    CompletableFuture<AttemptResult> attempt(QueuedEvent event);

    /** How many of this target's events may be in flight at once. */
    int concurrency();
}
