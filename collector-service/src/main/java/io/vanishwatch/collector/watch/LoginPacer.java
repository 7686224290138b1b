package io.vanishwatch.collector.watch;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * Keeps a thousand watches from logging in to one server at once: at most so many connection set-ups (connect, TLS,
 * login) per server at a time, each watch's first login after a random delay, and reconnect waits spread at random,
 * so that a collector start or a server restart is not a login storm. And from reading every folder at once: a
 * watch's first round after a (re)connect reads each folder whole and publishes the checkpoint of every message it
 * did not know, and a later sync that describes more than {@value #BULK_READ} messages (a rebuilt mailbox) holds
 * their envelopes until its folder state is built; only a few such bulk reads run at a time in the collector, so the
 * heap's peak and the servers' work of a start stay bounded, whatever the number of accounts.
 */
public final class LoginPacer {

    /** No limit and no jitter: every login at once, every wait as given. */
    public static final LoginPacer UNPACED = new LoginPacer(Integer.MAX_VALUE, Duration.ZERO, () -> 0L,
            Integer.MAX_VALUE);

    private final int maxConcurrentPerServer;
    private final Duration loginJitter;
    private final RandomGenerator random;
    private final Map<String, Server> servers = new ConcurrentHashMap<>();
    private final Semaphore bulkReads;
    private final AtomicLong bulkReadsTaken = new AtomicLong();
    private final int maxConcurrentBulkReads;

    /** More envelopes than this in one sync make it a bulk read (one FETCH's worth, see AngusImapSession). */
    public static final int BULK_READ = 500;

    /**
     * @param maxConcurrentPerServer the most connection set-ups in progress against one server (host:port) at once
     * @param loginJitter            each watch's first login waits a random time in [0, loginJitter)
     * @param random                 the source of the random delays (a fixed one in tests)
     */
    public LoginPacer(int maxConcurrentPerServer, Duration loginJitter, RandomGenerator random) {
        this(maxConcurrentPerServer, loginJitter, random, bulkReadsForHeap(Runtime.getRuntime().maxMemory()));
    }

    /** @param maxConcurrentBulkReads the most syncs describing more than {@value #BULK_READ} messages at once */
    public LoginPacer(int maxConcurrentPerServer, Duration loginJitter, RandomGenerator random,
                      int maxConcurrentBulkReads) {
        if (maxConcurrentBulkReads < 1) {
            throw new IllegalArgumentException("maxConcurrentBulkReads must be at least 1, is " + maxConcurrentBulkReads);
        }
        this.maxConcurrentBulkReads = maxConcurrentBulkReads;
        this.bulkReads = new Semaphore(maxConcurrentBulkReads, true);
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
        return releasedOnce(() -> {
            s.inProgress.decrementAndGet();
            s.slots.release();
        });
    }

    /**
     * Waits (first come, first served) until fewer than the limit of bulk reads are in progress in this collector;
     * closing the permit lets the next go.
     */
    public Permit bulkRead() throws InterruptedException {
        bulkReads.acquire();
        bulkReadsTaken.incrementAndGet();
        return releasedOnce(bulkReads::release);
    }

    /** A permit whose first close runs {@code release}, and whose later closes do nothing. */
    private static Permit releasedOnce(Runnable release) {
        AtomicBoolean closed = new AtomicBoolean();
        return () -> {
            if (closed.compareAndSet(false, true)) {
                release.run();
            }
        };
    }

    /** Bulk reads in progress now. */
    public int bulkReadsInProgress() {
        return maxConcurrentBulkReads - bulkReads.availablePermits();
    }

    /** Bulk reads since the start. */
    public long bulkReadsTaken() {
        return bulkReadsTaken.get();
    }

    public int maxConcurrentBulkReads() {
        return maxConcurrentBulkReads;
    }

    /**
     * One bulk read per 64 MiB of heap, 2 to 16: a folder read from scratch holds ~1 KiB per message (its envelopes
     * as fetched and described) until its state is built, so 8 of 30,000 messages take ~240 MiB of a 512 MiB heap.
     */
    static int bulkReadsForHeap(long maxHeap) {
        return (int) Math.max(2, Math.min(16, maxHeap / (64L << 20)));
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
