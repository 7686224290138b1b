package io.vanishwatch.collector.watch;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/**
 * Keeps a thousand watches from logging in to one server at once: at most so many connection set-ups (connect, TLS,
 * login) per server at a time, each watch's first login after a random delay, and reconnect waits spread at random,
 * so that a collector start or a server restart is not a login storm.
 */
public final class LoginPacer {

    /** No limit and no jitter: every login at once, every wait as given. */
    public static final LoginPacer UNPACED = new LoginPacer(Integer.MAX_VALUE, Duration.ZERO, () -> 0L);

    private final int maxConcurrentPerServer;
    private final Duration loginJitter;
    private final RandomGenerator random;
    private final Map<String, Server> servers = new ConcurrentHashMap<>();

    /**
     * @param maxConcurrentPerServer the most connection set-ups in progress against one server (host:port) at once
     * @param loginJitter            each watch's first login waits a random time in [0, loginJitter)
     * @param random                 the source of the random delays (a fixed one in tests)
     */
    public LoginPacer(int maxConcurrentPerServer, Duration loginJitter, RandomGenerator random) {
        if (maxConcurrentPerServer < 1) {
            throw new IllegalArgumentException("maxConcurrentPerServer must be at least 1, is "
                    + maxConcurrentPerServer);
        }
        if (loginJitter.isNegative()) {
            throw new IllegalArgumentException("loginJitter must not be negative, is " + loginJitter);
        }
        this.maxConcurrentPerServer = maxConcurrentPerServer;
        this.loginJitter = loginJitter;
        this.random = random;
    }

    /** A permit to set up one connection to a server; closing it lets the next waiting watch go. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    /** The logins in progress against one server, and the most seen at once. */
    private final class Server {
        private final Semaphore slots = new Semaphore(maxConcurrentPerServer, true);
        private final AtomicInteger inProgress = new AtomicInteger();
        private final AtomicInteger maxInProgress = new AtomicInteger();
    }

    /** Waits (first come, first served) until fewer than the limit of logins are in progress against {@code server}. */
    public Permit enter(String server) throws InterruptedException {
        Server s = server(server);
        s.slots.acquire();
        int now = s.inProgress.incrementAndGet();
        s.maxInProgress.accumulateAndGet(now, Math::max);
        boolean[] closed = {false};
        return () -> {
            synchronized (closed) {
                if (closed[0]) {
                    return;
                }
                closed[0] = true;
            }
            s.inProgress.decrementAndGet();
            s.slots.release();
        };
    }

    /** How long a watch waits before its first login: random in [0, login jitter). */
    public Duration firstLoginDelay() {
        long bound = loginJitter.toMillis();
        return bound <= 0 ? Duration.ZERO : Duration.ofMillis(random.nextLong(bound));
    }

    /** A reconnect wait with jitter: random in [backoff/2, backoff], so that failed watches do not return together. */
    public Duration jittered(Duration backoff) {
        long full = backoff.toMillis();
        long half = full / 2;
        return full <= 0 || this == UNPACED ? backoff : Duration.ofMillis(half + random.nextLong(full - half + 1));
    }

    /** Logins in progress against {@code server} (host:port) right now. */
    public int inProgress(String server) {
        return server(server).inProgress.get();
    }

    /** The most logins that were in progress against {@code server} at once since the start. */
    public int maxInProgress(String server) {
        return server(server).maxInProgress.get();
    }

    public int maxConcurrentPerServer() {
        return maxConcurrentPerServer;
    }

    private Server server(String server) {
        return servers.computeIfAbsent(server, s -> new Server());
    }

    /** How a server is named for the limit and the metrics: {@code host:port}. */
    public static String serverOf(String host, int port) {
        return host + ":" + port;
    }
}
