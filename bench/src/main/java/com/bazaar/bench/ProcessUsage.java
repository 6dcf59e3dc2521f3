package com.bazaar.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What this JVM (the application, its embedded MongoDB server and, idle, nothing of the harness) costs while nobody
 * calls it: process CPU time over a window as % of one core, and resident memory (VmRSS). An external PostgreSQL
 * server, embedded or not, is another process and is not included.
 */
record ProcessUsage(double cpuPercentOfCore, long residentMiB, long heapUsedMiB) {

    static ProcessUsage idleFor(Duration window) {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuBefore = os.getProcessCpuTime();
        long wallBefore = System.nanoTime();
        try {
            Thread.sleep(window.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        double cpu = (os.getProcessCpuTime() - cpuBefore) * 100.0 / (System.nanoTime() - wallBefore);
        Runtime runtime = Runtime.getRuntime();
        return new ProcessUsage(cpu, residentKiB() / 1024, (runtime.totalMemory() - runtime.freeMemory()) >> 20);
    }

    private static long residentKiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException unreadable) {
            return -1;
        }
        return -1;
    }
}
