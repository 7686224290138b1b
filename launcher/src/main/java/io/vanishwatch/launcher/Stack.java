package io.vanishwatch.launcher;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a local run started, stopped in reverse order: whatever came last (the office, the services) stops
 * before what it depends on (the mail server, and the broker always last).
 */
final class Stack implements AutoCloseable {

    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    synchronized <T extends AutoCloseable> T add(T part) {
        started.push(part);
        return part;
    }

    @Override
    public synchronized void close() {
        while (!started.isEmpty()) {
            AutoCloseable part = started.pop();
            try {
                part.close();
            } catch (Exception e) {
                System.err.println("while stopping " + part.getClass().getSimpleName() + ": " + e);
            }
        }
    }
}
