package org.vigil.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU used over a period, in percent of one core: by this JVM, and by the whole machine (every process: the broker,
 * and anything else running, such as another build, which makes figures noisier on a shared 2-core machine), and
 * the time a virtual machine's CPUs wanted to run but the host ran something else (steal).
 */
final class CpuMeter {
    private final long wall0 = System.nanoTime();
    private final long jvm0 = jvmCpuNanos();
    private final long[] machine0 = machineJiffies();

    static CpuMeter start() {
        return new CpuMeter();
    }

    Map<String, Object> stop() {
        long wall = System.nanoTime() - wall0;
        long jvm = jvmCpuNanos() - jvm0;
        long[] machine1 = machineJiffies();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("jvmPercentOfOneCore", Stats.round(100.0 * jvm / wall, 1));
        if (machine0 != null && machine1 != null && machine1[1] > machine0[1]) {
            double total = machine1[1] - machine0[1];
            int cores = Runtime.getRuntime().availableProcessors();
            m.put("machinePercentOfOneCore", Stats.round(100.0 * (machine1[0] - machine0[0]) / total * cores, 1));
            m.put("stealPercentOfOneCore", Stats.round(100.0 * (machine1[2] - machine0[2]) / total * cores, 1));
        }
        return m;
    }

    private static long jvmCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    /** {busy, total, steal} jiffies of all CPUs from /proc/stat (busy without steal), or null. */
    static long[] machineJiffies() {
        try {
            String line = Files.readAllLines(Path.of("/proc/stat")).getFirst();
            String[] f = line.trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length && i <= 8; i++) { // user nice system idle iowait irq softirq steal
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            long steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
            return new long[] {total - idle - steal, total, steal};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
