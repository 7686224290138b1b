package io.vanishwatch.collector.watch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** What /proc says about this machine and its processes, for benchmarks on a shared machine. */
final class ProcessFigures {

    private ProcessFigures() {
    }

    /** The load average over 1, 5 and 15 minutes (/proc/loadavg): the machine is shared. */
    static String load() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    /** This JVM's resident set (VmRSS of /proc/self/status), in bytes. */
    static long rss() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                    .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")) * 1024).findFirst().orElse(-1);
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    /** fs.inotify.max_user_instances: past it, Dovecot's IDLE falls back to polling. */
    static String inotifyInstances() {
        // read by line: Files.readString trusts the size /proc reports and may return part of the value
        try (var reader = Files.newBufferedReader(Path.of("/proc/sys/fs/inotify/max_user_instances"))) {
            return reader.readLine().strip();
        } catch (java.io.IOException | RuntimeException e) {
            return "?";
        }
    }

    /**
     * CPU seconds of a process and its descendants: its own and its reaped children's (utime, stime, cutime, cstime
     * of /proc/PID/stat), plus the live descendants' own, at 100 ticks a second.
     */
    static double cpuSeconds(ProcessHandle root) {
        long ticks = ticks(root.pid(), true) + root.descendants().mapToLong(p -> ticks(p.pid(), false)).sum();
        return ticks / 100.0;
    }

    static long ticks(long pid, boolean withChildren) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields[0] is field 3 (state): utime is field 14, stime 15, cutime 16, cstime 17
            long own = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return withChildren ? own + Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : own;
        } catch (java.io.IOException | RuntimeException gone) {
            return 0;
        }
    }

    /** Proportional set size of a process and its descendants (shared pages split between them), in bytes. */
    static long pss(ProcessHandle root) {
        return Stream.concat(Stream.of(root), root.descendants())
                .mapToLong(p -> {
                    try {
                        return Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "smaps_rollup")).stream()
                                .filter(line -> line.startsWith("Pss:"))
                                .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")) * 1024).sum();
                    } catch (java.io.IOException | RuntimeException gone) {
                        return 0;
                    }
                }).sum();
    }
}
