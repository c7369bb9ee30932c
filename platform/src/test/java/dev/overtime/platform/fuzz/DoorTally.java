package dev.overtime.platform.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** What one generator's inputs on one door caused: inputs tried, crashes (a 500, a stack trace, an HTML page, an unexpected exception) and hangs. */
final class DoorTally {

    private static final int KEPT = 5;

    final String generator;
    final String door;
    private final AtomicLong inputs = new AtomicLong();
    volatile long crashes;
    volatile long hangs;
    final List<String> examples = new ArrayList<>();

    DoorTally(String generator, String door) {
        this.generator = generator;
        this.door = door;
    }

    void input() {
        inputs.incrementAndGet();
    }

    synchronized void crash(long input, String what) {
        crashes++;
        keep("crash at input " + input + ": " + what);
    }

    synchronized void hang(long input, String what) {
        hangs++;
        keep("hang at input " + input + ": " + what);
    }

    private void keep(String example) {
        if (examples.size() < KEPT) {
            examples.add(example.length() > 600 ? example.substring(0, 600) + "..." : example);
        }
    }

    String row() {
        return "| " + generator + " | " + door + " | " + inputs + " | " + crashes + " | " + hangs + " |";
    }
}
