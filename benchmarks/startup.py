#!/usr/bin/env python3
"""Start-up with and without the jawait agent (issue 17): medians of N runs of hello world.

usage: benchmarks/startup.py [--runs N] [--jdk17 JAVA] [--jdk25 JAVA]
       (after `mvn -B -q package -DskipTests -pl benchmarks -am`)

Each run starts one JVM per variant, interleaved so that machine noise hits them alike, and
takes the child's user+sys CPU (rusage of children) and its wall time. Variants, on JDK 17 and
on JDK 25:
  plain          java -cp JAR ...startup.Hello
  instrument     java --add-modules java.instrument -cp JAR ...Hello: what the JVM itself pays
                 for any -javaagent (loading java.instrument disables CDS's archived module graph)
  agent          java -javaagent:AGENT -cp JAR ...Hello: the jawait agent, nothing to rewrite
  agent+async    java -javaagent:AGENT -cp JAR ...HelloAsync: one @Async class rewritten
Then the agent's own figures, from `-javaagent:AGENT=stats` runs of HelloAsync (the agent prints
premain's time and the time spent in its transformer at exit).
Prints a Markdown table; ratios are against `plain` of the same JDK.
"""
import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
AGENT = "agent/target/jawait-agent-0.1.0-SNAPSHOT.jar"
JAR = "benchmarks/target/jawait-benchmarks.jar"
PKG = "io.github.jawait.benchmarks.startup."
VARIANTS = [
    ("plain", [], "Hello"),
    ("instrument", ["--add-modules", "java.instrument"], "Hello"),
    ("agent", ["-javaagent:" + AGENT], "Hello"),
    ("agent+async", ["-javaagent:" + AGENT], "HelloAsync"),
]
STATS = re.compile(r"jawait agent stats: premain_ms=([\d.]+) passed_over=(\d+) passed_over_ms=([\d.]+)"
                   r" passed_over_cpu_ms=([\d.]+) rewritten=(\d+) rewrite_ms=([\d.]+) rewrite_cpu_ms=([\d.]+)")


def run(cmd):
    """(wall s, user+sys s, stdout, stderr) of one child process (run alone: rusage deltas)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    p = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed: {p.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, p.stdout, p.stderr


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--jdk17", default="java")
    ap.add_argument("--jdk25", default="/usr/lib/jvm/temurin-25-jdk-amd64/bin/java")
    args = ap.parse_args()
    for f in (AGENT, JAR):
        if not os.path.isfile(os.path.join(ROOT, f)):
            sys.exit(f"{f} missing: mvn -B -q package -DskipTests -pl benchmarks -am")
    jdks = [("JDK 17", args.jdk17)]
    if os.access(args.jdk25, os.X_OK):
        jdks.append(("JDK 25", args.jdk25))
    wall, cpu, stats = {}, {}, {}
    for i in range(args.runs):
        for jdk, java in jdks:
            for name, flags, main_class in VARIANTS:
                w, c, out, _ = run([java] + flags + ["-cp", JAR, PKG + main_class])
                if "hello, world" not in out:
                    sys.exit(f"{name} on {jdk} printed {out!r}")
                wall.setdefault((jdk, name), []).append(w)
                cpu.setdefault((jdk, name), []).append(c)
            _, _, _, err = run([java, "-javaagent:" + AGENT + "=stats", "-cp", JAR, PKG + "HelloAsync"])
            m = STATS.search(err)
            if not m:
                sys.exit(f"no agent stats on {jdk}: {err}")
            stats.setdefault(jdk, []).append([float(g) for g in m.groups()])
        print(f"run {i + 1}/{args.runs} done", file=sys.stderr)

    print(f"Medians of {args.runs} runs (user+sys CPU of the whole JVM process from rusage; wall"
          " from spawn to exit). (xR) = variant / plain on the same JDK.\n")
    print("| JDK | variant | CPU (ms) | wall (ms) |")
    print("|---|---|---|---|")
    for jdk, _ in jdks:
        base_c = statistics.median(cpu[(jdk, "plain")])
        base_w = statistics.median(wall[(jdk, "plain")])
        for name, _, _ in VARIANTS:
            c = statistics.median(cpu[(jdk, name)])
            w = statistics.median(wall[(jdk, name)])
            print(f"| {jdk} | {name} | {c * 1e3:.0f} (x{c / base_c:.2f}) | {w * 1e3:.0f} (x{w / base_w:.2f}) |")
    print("\nThe agent's own work (`-javaagent:...=stats`, HelloAsync), medians:\n")
    print("| JDK | premain to ready (ms) | classes passed over | their scan: wall / CPU (ms) | classes rewritten"
          " | rewrite incl. loading ASM: wall / CPU (ms) |")
    print("|---|---|---|---|---|---|")
    for jdk, _ in jdks:
        m = [statistics.median(c) for c in zip(*stats[jdk])]
        print(f"| {jdk} | {m[0]:.2f} | {m[1]:.0f} | {m[2]:.2f} / {m[3]:.2f} | {m[4]:.0f} | {m[5]:.1f} / {m[6]:.1f} |")


if __name__ == "__main__":
    main()
