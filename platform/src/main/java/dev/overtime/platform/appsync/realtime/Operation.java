package dev.overtime.platform.appsync.realtime;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One subscription on one connection, from its start message to its end, and the sink its events reach.
 *
 * <pre>
 *  STARTING --live()--> LIVE --ended() / stop()--> DONE
 *      \------------------stop()------------------/
 * </pre>
 * Events the gateway delivers while still inside {@code start} (a replay, say) wait until the
 * acknowledgement is sent, so a client always reads the ack first and then every event in order.
 */
final class Operation implements SubscriptionSink {

    /** How a dialect writes an operation's events. */
    interface Frames {
        String next(String id, String payloadJson);

        String complete(String id);
    }

    private enum State { STARTING, LIVE, DONE }

    private final String id;
    private final Frames frames;
    private final Outbound out;
    private final Consumer<Operation> onEnded;
    private State state = State.STARTING;
    private final List<String> early = new ArrayList<>();
    private boolean endedEarly;
    private Subscription subscription;

    Operation(String id, Frames frames, Outbound out, Consumer<Operation> onEnded) {
        this.id = id;
        this.frames = frames;
        this.out = out;
        this.onEnded = onEnded;
    }

    String id() {
        return id;
    }

    @Override
    public synchronized void next(String payloadJson) {
        switch (state) {
            case STARTING -> early.add(payloadJson);
            case LIVE -> out.send(frames.next(id, payloadJson));
            case DONE -> { }
        }
    }

    @Override
    public void ended() {
        synchronized (this) {
            switch (state) {
                case STARTING -> {
                    endedEarly = true;
                    return;
                }
                case LIVE -> {
                    state = State.DONE;
                    out.send(frames.complete(id));
                }
                case DONE -> {
                    return;
                }
            }
        }
        onEnded.accept(this);
    }

    /**
     * The gateway accepted the subscription: sends {@code ack} (may be null), then the events that came
     * early. If the operation was stopped meanwhile (the connection closed), stops the subscription instead.
     */
    void live(Subscription started, String ack) {
        boolean stopped;
        boolean ended = false;
        synchronized (this) {
            stopped = state == State.DONE;
            if (!stopped) {
                subscription = started;
                if (ack != null) {
                    out.send(ack);
                }
                early.forEach(payload -> out.send(frames.next(id, payload)));
                early.clear();
                if (endedEarly) {
                    out.send(frames.complete(id));
                    ended = true;
                }
                state = ended ? State.DONE : State.LIVE;
            }
        }
        if (stopped) {
            started.stop();
        } else if (ended) {
            onEnded.accept(this);
        } else {
            // Outside this operation's lock: the hub delivers held events under its own lock, and calls
            // into this operation while holding it.
            started.acknowledged();
        }
    }

    /** Stops it; no frame for it is sent after this returns. */
    void stop() {
        Subscription running;
        synchronized (this) {
            state = State.DONE;
            early.clear();
            running = subscription;
        }
        if (running != null) {
            running.stop();
        }
    }
}
