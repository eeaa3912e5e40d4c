package dev.triage.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time used by the three parties sharing the machine's cores during a measurement: the
 * service (one JVM), PostgreSQL (the postmaster and its backends) and this load generator. Read
 * from /proc (Linux); elsewhere the figures are missing, not guessed.
 */
final class CpuTime {

    /** CPU seconds used by each party since the snapshot was taken. */
    record Share(double service, double database, double generator, double wallSeconds) {
        String describe() {
            if (Double.isNaN(service)) {
                return "n/a";
            }
            return String.format("%.0f/%.0f/%.0f", 100 * service / wallSeconds, 100 * database / wallSeconds,
                    100 * generator / wallSeconds);
        }
    }

    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

    private final long servicePid;
    private final long postmasterPid;
    private final Map<Long, Double> databaseStart;
    private final double serviceStart;
    private final double generatorStart;
    private final long wallStart;

    private CpuTime(long servicePid, long postmasterPid) {
        this.servicePid = servicePid;
        this.postmasterPid = postmasterPid;
        this.serviceStart = seconds(servicePid, false);
        this.databaseStart = database(postmasterPid);
        this.generatorStart = generator();
        this.wallStart = System.nanoTime();
    }

    static CpuTime snapshot(long servicePid, long postmasterPid) {
        return new CpuTime(servicePid, postmasterPid);
    }

    Share since() {
        double wall = (System.nanoTime() - wallStart) / 1e9;
        double service = seconds(servicePid, false) - serviceStart;
        Map<Long, Double> now = database(postmasterPid);
        double database = 0;
        for (Map.Entry<Long, Double> e : now.entrySet()) {
            database += e.getValue() - databaseStart.getOrDefault(e.getKey(), 0.0);
        }
        return new Share(service, database, generator() - generatorStart, wall);
    }

    /** Per process: its own CPU, and for the postmaster also what its finished backends used. */
    private static Map<Long, Double> database(long postmaster) {
        Map<Long, Double> times = new HashMap<>();
        times.put(postmaster, seconds(postmaster, true));
        ProcessHandle.of(postmaster).ifPresent(p -> p.children().forEach(child ->
                times.put(child.pid(), seconds(child.pid(), false))));
        return times;
    }

    private static double generator() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }

    /** utime + stime (+ cutime + cstime for reaped children) from /proc/<pid>/stat. */
    private static double seconds(long pid, boolean withChildren) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields[0] is the state (field 3 of stat): utime is field 14, so index 11 here
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            if (withChildren) {
                ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
            }
            return ticks / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return pid == 0 ? Double.NaN : 0.0;
        }
    }

    /** CPU seconds a process has used so far (user + system). */
    static double processSeconds(long pid) {
        return seconds(pid, false);
    }

    /** Resident and peak resident memory of a process in MiB, from /proc/<pid>/status. */
    static double[] residentMiB(long pid) {
        double rss = Double.NaN;
        double peak = Double.NaN;
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = kib(line) / 1024.0;
                } else if (line.startsWith("VmHWM:")) {
                    peak = kib(line) / 1024.0;
                }
            }
        } catch (IOException e) {
            // not Linux: figures stay NaN
        }
        return new double[] {rss, peak};
    }

    private static long kib(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }
}
