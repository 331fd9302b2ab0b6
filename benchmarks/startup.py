#!/usr/bin/env python3
"""Start-up with and without the jawait agent (issue 17): medians of N interleaved runs of hello world.

usage: benchmarks/startup.py [--runs N] [--jdk17 JAVA] [--jdk25 JAVA] [--no-cds]
       (after `mvn -B -q package -DskipTests -pl benchmarks -am`, which builds the jars below)

The jars are built at package time by StartupJars (benchmarks/pom.xml) into
benchmarks/target/startup/, each naming what it needs on its manifest's Class-Path, as a user's
application jar does (README section 4). Variants, on JDK 17 and on JDK 25:
  plain            java -jar hello.jar: the baseline
  instrument       java --add-modules java.instrument -jar hello.jar: what the JVM itself pays for any
                   -javaagent (the module property it adds turns off CDS's archived module graph)
  agent            java -javaagent:lib/jawait-agent.jar -jar hello.jar: nothing to rewrite
  launcher-empty   java -jar launcher-empty.jar: Launcher-Agent-Class naming an agent that does nothing,
                   from a jar of its own: the JVM's floor for this way of starting an agent
  launcher         java -jar launcher.jar: Launcher-Agent-Class: io.github.jawait.agent.JawaitAgent
  buildtime+async  java -jar buildtime-async.jar: HelloAsync rewritten at build time, no agent at all
  agent+async      java -javaagent:lib/jawait-agent.jar -jar hello-async.jar: one @Async class rewritten
  launcher+async   java -jar launcher-async.jar: the same through Launcher-Agent-Class
Each variant also runs with class-data sharing archives of its own (unless --no-cds), made once
before the timed runs from one run of the same command:
  dynamic  -XX:ArchiveClassesAtExit=A, then -XX:SharedArchiveFile=A (JDK 17 and 25; the -javaagent
           variants need -XX:+UnlockDiagnosticVMOptions -XX:+AllowArchivingWithJavaAgent to dump)
  aot      -XX:AOTCacheOutput=A, then -XX:AOTCache=A (JDK 25's AOT cache, JEP 483/514)
Ratios are against `plain` of the same JDK and the same CDS mode (plain with its own archive).

Each round starts one JVM per (JDK, mode, variant), interleaved so that machine noise hits them
alike; CPU is the child's user+sys (rusage of children), wall is spawn to exit. Then the agent's
own figures, from `-javaagent:...=stats` runs of HelloAsync (premain's time and the time spent in
its transformer, printed by the agent at exit).
"""
import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DIR = os.path.join(ROOT, "benchmarks/target/startup")
AGENT = "lib/jawait-agent.jar"
JAVAAGENT = ["-javaagent:" + AGENT]
VARIANTS = [
    ("plain", ["-jar", "hello.jar"]),
    ("instrument", ["--add-modules", "java.instrument", "-jar", "hello.jar"]),
    ("agent", JAVAAGENT + ["-jar", "hello.jar"]),
    ("launcher-empty", ["-jar", "launcher-empty.jar"]),
    ("launcher", ["-jar", "launcher.jar"]),
    ("buildtime+async", ["-jar", "buildtime-async.jar"]),
    ("agent+async", JAVAAGENT + ["-jar", "hello-async.jar"]),
    ("launcher+async", ["-jar", "launcher-async.jar"]),
]
STATS = re.compile(r"jawait agent stats: premain_ms=([\d.]+) passed_over=(\d+) passed_over_ms=([\d.]+)"
                   r" passed_over_cpu_ms=([\d.]+) rewritten=(\d+) rewrite_ms=([\d.]+) rewrite_cpu_ms=([\d.]+)")


def run(cmd):
    """(wall s, user+sys s, stdout, stderr) of one child process (run alone: rusage deltas)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    p = subprocess.run(cmd, cwd=DIR, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode != 0:
        # a JVM crash prints its summary ("SIGSEGV ... Problematic frame") to stdout
        raise RuntimeError(f"exit {p.returncode}: {' '.join(cmd)}\n{p.stdout}\n{p.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, p.stdout, p.stderr


def modes(jdk_name):
    """(mode, flags to dump the archive, flags to use it), archive path as {a}."""
    out = [("default", None, [])]
    out.append(("dynamic", ["-XX:ArchiveClassesAtExit={a}"], ["-XX:SharedArchiveFile={a}"]))
    if jdk_name == "JDK 25":
        out.append(("aot", ["-XX:AOTCacheOutput={a}"], ["-XX:AOTCache={a}"]))
    return out


def commands(jdks, cds):
    """{(jdk, mode, variant): command, or the reason it cannot be timed}, each variant's archives
    dumped first and each command tried once (which also warms the file cache)."""
    archives = os.path.join(DIR, "cds")
    shutil.rmtree(archives, ignore_errors=True)
    os.makedirs(archives)
    cmds = {}
    for jdk, java in jdks:
        for mode, dump, use in (modes(jdk) if cds else modes(jdk)[:1]):
            for name, args in VARIANTS:
                a = os.path.join(archives, f"{jdk.replace(' ', '')}-{mode}-{name}.jsa")
                cmd = [java] + [f.format(a=a) for f in use] + args
                try:
                    if dump is not None:
                        extra = ["-XX:+UnlockDiagnosticVMOptions", "-XX:+AllowArchivingWithJavaAgent"] \
                            if mode == "dynamic" and args[0].startswith("-javaagent") else []
                        run([java] + extra + [f.format(a=a) for f in dump] + args)
                        if not os.path.isfile(a):
                            raise RuntimeError(f"no archive {a}")
                    _, _, out, _ = run(cmd)
                    if "hello, world" not in out:
                        raise RuntimeError(f"printed {out!r}")
                    cmds[(jdk, mode, name)] = cmd
                except RuntimeError as e:
                    # JDK 25.0.3 crashes (SIGSEGV in FileMapInfo::get_stream_from_class_loader) running
                    # launcher+async from its own dynamic archive: reported in the table, not timed
                    lines = str(e).splitlines()
                    crash = [l.strip("# ") for l in lines if "SIGSEGV" in l or l.startswith("# V  [")]
                    cmds[(jdk, mode, name)] = "JVM crash: " + "; ".join(crash) if crash else lines[0]
                    print(f"{jdk} {mode} {name}: {cmds[(jdk, mode, name)]}", file=sys.stderr)
    for f in os.listdir(DIR):
        if f.startswith("hs_err_pid"):  # the crash reports, kept beside the archives
            shutil.move(os.path.join(DIR, f), os.path.join(archives, f))
    return cmds


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--jdk17", default="java")
    ap.add_argument("--jdk25", default="/usr/lib/jvm/temurin-25-jdk-amd64/bin/java")
    ap.add_argument("--no-cds", action="store_true", help="only the JDK's default CDS archive")
    args = ap.parse_args()
    for _, a in VARIANTS:
        if not os.path.isfile(os.path.join(DIR, a[-1])):
            sys.exit(f"{DIR}/{a[-1]} missing: mvn -B -q package -DskipTests -pl benchmarks -am")
    jdks = [("JDK 17", args.jdk17)]
    if os.access(args.jdk25, os.X_OK):
        jdks.append(("JDK 25", args.jdk25))
    cmds = commands(jdks, not args.no_cds)
    wall, cpu, stats = {}, {}, {}
    for i in range(args.runs):
        for key, cmd in cmds.items():
            if isinstance(cmd, str):
                continue
            w, c, out, _ = run(cmd)
            if "hello, world" not in out:
                sys.exit(f"{key} printed {out!r}")
            wall.setdefault(key, []).append(w)
            cpu.setdefault(key, []).append(c)
        for jdk, java in jdks:
            _, _, _, err = run([java, "-javaagent:" + AGENT + "=stats", "-jar", "hello-async.jar"])
            m = STATS.search(err)
            if not m:
                sys.exit(f"no agent stats on {jdk}: {err}")
            stats.setdefault(jdk, []).append([float(g) for g in m.groups()])
        print(f"run {i + 1}/{args.runs} done", file=sys.stderr)

    print(f"Medians of {args.runs} interleaved runs (user+sys CPU of the whole JVM process from rusage;"
          " wall from spawn to exit). (xR) = variant / plain on the same JDK with the same CDS mode.\n")
    print("| JDK | CDS | variant | CPU (ms) | wall (ms) |")
    print("|---|---|---|---|---|")
    for (jdk, mode, name), cmd in cmds.items():
        if isinstance(cmd, str):
            print(f"| {jdk} | {mode} | {name} | {cmd} | |")
            continue
        base_c = statistics.median(cpu[(jdk, mode, "plain")])
        base_w = statistics.median(wall[(jdk, mode, "plain")])
        c = statistics.median(cpu[(jdk, mode, name)])
        w = statistics.median(wall[(jdk, mode, name)])
        print(f"| {jdk} | {mode} | {name} | {c * 1e3:.0f} (x{c / base_c:.2f}) | {w * 1e3:.0f} (x{w / base_w:.2f}) |")
    print("\nThe agent's own work (`-javaagent:...=stats`, HelloAsync), medians:\n")
    print("| JDK | premain to ready (ms) | classes passed over | their scan: wall / CPU (ms) | classes rewritten"
          " | rewrite incl. loading ASM: wall / CPU (ms) |")
    print("|---|---|---|---|---|---|")
    for jdk, _ in jdks:
        m = [statistics.median(c) for c in zip(*stats[jdk])]
        print(f"| {jdk} | {m[0]:.2f} | {m[1]:.0f} | {m[2]:.2f} / {m[3]:.2f} | {m[4]:.0f} | {m[5]:.1f} / {m[6]:.1f} |")


if __name__ == "__main__":
    main()
