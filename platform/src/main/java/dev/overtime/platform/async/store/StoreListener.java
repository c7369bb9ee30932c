package dev.overtime.platform.async.store;

/** What a shared store reports about changes other nodes made. Called on the store's own thread: keep it short. */
public interface StoreListener {

    /** Events of {@code target} may be due now: new, redriven, or taken back from a node that died. */
    void eventsArrived(String target);

    /** Event-invoke configurations changed (or may have, after a lost connection): read them again. */
    void configurationsChanged();
}
