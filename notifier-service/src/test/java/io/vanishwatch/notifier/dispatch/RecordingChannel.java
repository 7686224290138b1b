package io.vanishwatch.notifier.dispatch;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.vanishwatch.notifier.delivery.Channel;
import io.vanishwatch.notifier.delivery.DeliveryResult;
import io.vanishwatch.notifier.delivery.Notice;

/** A channel that keeps every notice it is offered and answers from a script (sent once the script is used up). */
final class RecordingChannel implements Channel {

    private final String name;
    private final Deque<DeliveryResult> script = new ArrayDeque<>();
    private final List<Notice> offered = new CopyOnWriteArrayList<>();
    private final List<Notice> taken = new CopyOnWriteArrayList<>();
    private DeliveryResult afterScript = DeliveryResult.sent("ok");

    RecordingChannel(String name) {
        this.name = name;
    }

    RecordingChannel answering(DeliveryResult... answers) {
        script.addAll(List.of(answers));
        return this;
    }

    RecordingChannel thenAlways(DeliveryResult answer) {
        afterScript = answer;
        return this;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized DeliveryResult deliver(Notice notice) {
        offered.add(notice);
        DeliveryResult answer = script.isEmpty() ? afterScript : script.poll();
        if (answer.kind() == DeliveryResult.Kind.SENT) {
            taken.add(notice);
        }
        return answer;
    }

    /** Every attempt, in order. */
    List<Notice> offered() {
        return offered;
    }

    /** The notices it accepted (answered sent), in order. */
    List<Notice> taken() {
        return taken;
    }
}
