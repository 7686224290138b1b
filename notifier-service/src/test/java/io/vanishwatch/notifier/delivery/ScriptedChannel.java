package io.vanishwatch.notifier.delivery;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.vanishwatch.events.Alert;

/** A channel answering from a script, to test the retry policy without a server: the last answer repeats. */
public final class ScriptedChannel implements Channel {

    private final Deque<DeliveryResult> script;
    private final AtomicInteger attempts = new AtomicInteger();

    public ScriptedChannel(DeliveryResult... answers) {
        this.script = new ArrayDeque<>(List.of(answers));
    }

    @Override
    public String name() {
        return "scripted";
    }

    @Override
    public DeliveryResult deliver(Notice notice) {
        attempts.incrementAndGet();
        return script.size() > 1 ? script.poll() : script.peek();
    }

    public int attempts() {
        return attempts.get();
    }
}
