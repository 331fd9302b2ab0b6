#!/usr/bin/env python3
"""Turns the raw results of benchmarks/run.sh into one Markdown table.

usage: summarize.py RESULTS.tsv

RESULTS.tsv has the columns contender, run, metric, value (one line per RESULT line of one
process). Each cell is the median over runs; peers show the ratio peer/jawait in parentheses
(above 1: jawait is faster or smaller). The jawait column is checked against the issue #6
targets. The network metrics (net.*, scenario net, issue #11) get a second table whose ratios
are contender/Netty NIO with one event loop, and whose jawait column is checked against the
issue #11 targets. The file metrics (files.*, scenario files, issue #12) and the PostgreSQL
metrics (pg.*, scenario pg, issue #12) get a table each: files with ratios against jawait's
AsyncFiles on the same JDK, PostgreSQL with ratios against raw Vert.x.
"""
import collections
import statistics
import sys

CONTENDERS = [
    ("jawait", "jawait (JDK 17)"),
    ("jawait25", "jawait (JDK 25)"),
    ("jawaitSerial", "jawait (JDK 17, -XX:+UseSerialGC)"),
    ("vt", "virtual threads (JDK 25)"),
    ("vt1", "virtual threads, parallelism=1"),
    ("cf", "CompletableFuture (JDK 17)"),
    ("kotlin", "Kotlin coroutines, runBlocking, 1 thread (JDK 17)"),
    ("kotlinDefault", "Kotlin coroutines, Dispatchers.Default (JDK 17)"),
    ("node", "Node.js"),
    ("asyncio", "Python asyncio"),
    ("floor", "hand-written floor (JDK 17)"),
    ("floor25", "hand-written floor (JDK 25)"),
]
BASE = "jawait"
# metrics with no jawait value of their own: their ratio is against this jawait metric
RATIO_BASE = {"yield_microtask.ns": "yield.ns"}
# metrics of their own tables, kept out of the macro table
OWN_TABLES = ("net.", "files.", "pg.")

# metric, label, target (as text), check(value) -> bool or None
ROWS = [
    ("sleep.wall_s", "1M tasks `await(sleep(1 s))`, gathered: wall (s)", "", None),
    ("sleep.wall_vs_floor", "... wall / the hand-written floor's on the same JDK, same run", "<= 1.05",
     lambda v: v <= 1.05),
    ("sleep.process_cpu_s", "... CPU time of the process: loop, GC, JIT (s)", "", None),
    ("sleep.loop_cpu_ns_per_task", "... CPU time of the loop thread (ns per task)", "", None),
    ("sleep.alloc_B_per_task", "... allocated by the loop thread (B per task)", "", None),
    ("sleep.heap_B_per_task", "... heap retained per suspended task (B)", "<= 100", lambda v: v <= 100),
    ("sleep.peak_rss_MB", "... peak RSS, VmHWM (MB)", "<= 200", lambda v: v <= 200),
    ("yield.ns", "`await(sleep(0))` (ns per yield)", "<= 10", lambda v: v <= 10),
    ("yield.alloc_B", "... allocated (B per yield)", "", None),
    ("yield_microtask.ns", "... Node `await null`: a microtask, never a loop turn (ns; ratio to jawait's sleep(0))", "", None),
    ("handoff.ns", "ping-pong through a Queue (ns per handoff)", "<= 30", lambda v: v <= 30),
    ("handoff.alloc_B", "... allocated (B per handoff)", "", None),
    ("handoff_waiter.ns", "... through a bare Waiter mailbox (ns per handoff)", "", None),
    ("task_switch.ns", "... floor: switch between two yielding tasks (ns)", "", None),
    ("spawn.ns", "createTask + await trivial child (ns per child)", "<= 60", lambda v: v <= 60),
    ("spawn.alloc_B", "... allocated (B per child)", "", None),
    ("await_done.ns", "await of a completed coroutine, same one each time (ns)", "<= 2", lambda v: v <= 2),
    ("await_done.alloc_B", "... allocated (B per await)", "0", lambda v: v < 0.05),
    ("await_done_mixed.ns", "... cycling over 4 completed awaitables, 2 results + 2 tasks (ns)", "<= 2", lambda v: v <= 2),
    ("await_done_task.ns", "await of a finished Task (ns)", "", None),
    ("await_immediate_call.ns", "await of an @Async call that never suspends (ns)", "", None),
    ("await_immediate_call.alloc_B", "... allocated (B per call)", "", None),
    ("chain_d1.ns", "chain depth 1, leaf yields (ns per yield)", "", None),
    ("chain_d10.ns", "chain depth 10 (ns per yield)", "", None),
    ("chain_d100.ns", "chain depth 100 (ns per yield)", "", None),
    ("chain_d1000.ns", "chain depth 1000 (ns per yield)", "", None),
    ("chain_ratio", "depth 100 / depth 1", "<= 1.2", lambda v: v <= 1.2),
    ("timer.ns", "timeout armed + cancelled (ns per timeout)", "<= 100", lambda v: v <= 100),
    ("timer.alloc_B", "... allocated (B per timeout)", "", None),
    ("timer.queue_after", "... timer queue entries left", "0", lambda v: v == 0),
    ("timer_bulk.ns", "1M timeouts armed, then all cancelled (ns per timeout)", "", None),
    ("timer_bulk.queue_after", "... timer queue entries left", "0", lambda v: v == 0),
]

# The network table (scenario net, issue #11): ratios against Netty NIO with one event loop.
NET_CONTENDERS = [
    ("netty", "Netty 4.2 NIO, 1 loop (JDK 17)"),
    ("jawait", "jawait (JDK 17)"),
    ("jawaitGroup", "jawait, EventLoopGroup of 1 loop per core (JDK 17)"),
    ("nettyEpoll", "Netty 4.2 epoll, 1 loop (JDK 17)"),
    ("nio", "bare JDK selector loop (JDK 17)"),
    ("vt", "virtual threads, blocking sockets (JDK 25)"),
    ("node", "Node.js net"),
    ("asyncio", "Python asyncio streams"),
]
NET_BASE = "netty"

# metric, label, target (as text), check(jawait value, netty value) -> bool or None
NET_ROWS = [
    ("net.cpu_us_per_req", "echo 1 KiB, 100 connections: server CPU per request (µs)", "<= 1.0x Netty",
     lambda v, b: v <= 1.0 * b),
    ("net.echo_rps", "... requests/s seen by the client", ">= 0.95x Netty", lambda v, b: v >= 0.95 * b),
    ("net.alloc_B_per_req", "... server heap allocated per request (B)", "", None),
    ("net.server_cores", "... server CPU while measured (cores busy)", "", None),
    ("net.client_cores", "... load client CPU while measured (cores busy)", "", None),
    ("net.echo_p50_us", "... latency p50 (µs)", "", None),
    ("net.echo_p99_us", "... latency p99 (µs)", "", None),
    ("net.rtt_p50_us", "echo 1 KiB, 1 connection: round trip p50 (µs)", "<= 1.1x Netty", lambda v, b: v <= 1.1 * b),
    ("net.rtt_p99_us", "... round trip p99 (µs)", "<= 1.1x Netty", lambda v, b: v <= 1.1 * b),
    ("net.idle_heap_B_per_conn", "idle connections held open: server heap per connection (B)",
     "<= 1024 beyond the bare selector loop's", None),
    ("net.stream_peak_heap_growth_KiB", "64 MiB by write + drain to a slow reader: peak heap growth (KiB)", "", None),
    ("net.stream_write_buffer_max_KiB", "... largest write buffer (KiB)", "", None),
    ("net.stream_growth_per_high_water", "... peak heap growth / high water mark", "<= 2", lambda v, b: v <= 2),
]


def fmt(v):
    if v is None:
        return "—"
    a = abs(v)
    if a >= 100:
        return f"{v:,.0f}"
    if a >= 10:
        return f"{v:.1f}"
    if a >= 1:
        return f"{v:.2f}"
    return f"{v:.3g}"


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    samples = collections.defaultdict(list)  # (contender, metric) -> values over runs
    runs = collections.defaultdict(set)
    for line in open(sys.argv[1]):
        parts = line.rstrip("\n").split("\t")
        if len(parts) != 4 or parts[0] == "contender":
            continue
        contender, run, metric, value = parts
        samples[(contender, metric)].append(float(value))
        runs[contender].add(run)
    # the chain ratio per run, then its median
    for c, _ in CONTENDERS:
        d1, d100 = samples.get((c, "chain_d1.ns")), samples.get((c, "chain_d100.ns"))
        if d1 and d100:
            samples[(c, "chain_ratio")] = [b / a for a, b in zip(d1, d100)]
    # issue 17: the sleepers' wall against the floor on the same JDK, per run, then the median
    for c, floor in (("jawait", "floor"), ("jawaitSerial", "floor"), ("jawait25", "floor25")):
        mine, under = samples.get((c, "sleep.wall_s")), samples.get((floor, "sleep.wall_s"))
        if mine and under:
            samples[(c, "sleep.wall_vs_floor")] = [a / b for a, b in zip(mine, under)]
    print_macro_table(samples, runs)
    print_net_table(samples)
    print_files_table(samples)
    print_pg_table(samples)


def print_macro_table(samples, runs):
    """The table of issue #6's scenarios, ratios against jawait on JDK 17."""
    samples = {k: v for k, v in samples.items() if not k[1].startswith(OWN_TABLES)}
    present = [(c, label) for c, label in CONTENDERS if any(k[0] == c for k in samples)]
    if not present:
        return
    med = {k: statistics.median(v) for k, v in samples.items()}

    head = ["scenario", "target", "met?"] + [label for _, label in present]
    print("| " + " | ".join(head) + " |")
    print("|" + "|".join(["---"] * len(head)) + "|")
    for metric, label, target, check in ROWS:
        if not any((c, metric) in med for c, _ in present):
            continue
        base = med.get((BASE, RATIO_BASE.get(metric, metric)))
        met = ""
        if check is not None and base is not None:
            met = "yes" if check(base) else "**no**"
        cells = []
        for c, _ in present:
            v = med.get((c, metric))
            cell = fmt(v)
            if c != BASE and v is not None and base not in (None, 0) and metric not in ("chain_ratio", "sleep.wall_vs_floor") \
                    and not metric.endswith("queue_after") and not metric.endswith("alloc_B"):
                cell += f" (x{v / base:.2f})"
            cells.append(cell)
        print("| " + " | ".join([label, target, met] + cells) + " |")
    print()
    counts = ", ".join(f"{c}: {len(runs[c])}" for c, _ in present)
    print(f"Medians over runs ({counts}); (xR) = peer / jawait (JDK 17): above 1, jawait is"
          " faster or smaller. — : not applicable or not measurable for that contender.")
    print()
    print("Not ahead (peer faster or smaller than jawait on JDK 17): " + (", ".join(
        f"{label} on {metric}" for metric, label in behind(med, present)) or "none") + ".")


def behind(med, present):
    """(metric, contender label) of every timing or size row where a peer beats jawait."""
    out = []
    for metric, _, _, _ in ROWS:
        if metric == "chain_ratio" or metric.endswith(("queue_after", "alloc_B")):
            continue
        base = med.get((BASE, RATIO_BASE.get(metric, metric)))
        for c, label in present:
            v = med.get((c, metric))
            if c.startswith("jawait") or v is None or base is None:
                continue
            if v < base:
                out.append((metric, label))
    return out


def medians_of(samples, prefix, contenders):
    """The medians over runs of the metrics starting with prefix, and the contenders that have any."""
    med = {k: statistics.median(v) for k, v in samples.items() if k[1].startswith(prefix)}
    return med, [(c, label) for c, label in contenders if any(k[0] == c for k in med)]


def print_peer_table(med, present, title, base_name, rows, met):
    """Rows of label, target, met? and each contender's median with (xR) = contender / base_name;
    met(metric, target, check, jawait's median, base_name's median) fills the met? column."""
    head = [title, "target for jawait", "met?"] + [label for _, label in present]
    print()
    print("| " + " | ".join(head) + " |")
    print("|" + "|".join(["---"] * len(head)) + "|")
    for metric, label, target, check in rows:
        if not any((c, metric) in med for c, _ in present):
            continue
        base = med.get((base_name, metric))
        cells = []
        for c, _ in present:
            v = med.get((c, metric))
            cell = fmt(v)
            if c != base_name and v is not None and base not in (None, 0):
                cell += f" (x{v / base:.2f})"
            cells.append(cell)
        print("| " + " | ".join([label, target, met(metric, target, check, med.get(("jawait", metric)), base)] + cells) + " |")


def print_net_table(samples):
    """The network table: each cell the median over runs, (xR) = contender / Netty NIO."""
    med, present = medians_of(samples, "net.", NET_CONTENDERS)
    if not present:
        return

    def met(metric, target, check, mine, base):
        floor = med.get(("nio", metric))
        if metric == "net.idle_heap_B_per_conn" and mine is not None and floor is not None:
            # "beyond the socket itself": the bare loop holds only the JDK's channel and key
            return ("yes" if mine - floor <= 1024 else "**no**") + f" (+{mine - floor:,.0f})"
        if check is not None and mine is not None and (base is not None or "Netty" not in target):
            return "yes" if check(mine, base) else "**no**"
        return ""

    print_peer_table(med, present, "network scenario", NET_BASE, NET_ROWS, met)
    print()
    counts = ", ".join(f"{c}: {len(samples.get((c, 'net.echo_rps'), []))}" for c, _ in present)
    print(f"Medians over runs ({counts}); (xR) = contender / Netty NIO with one event loop,"
          " measured in the same run: below 1, fewer µs or bytes than Netty (above 1 for"
          " requests/s: more). — : not measured for that server.")


# scenario files: FileReads reports files.<reader>.ms, one process on JDK 17 (contender jawait)
# and one on JDK 25 (jawait25)
FILE_READERS = [
    ("jawait_AsyncFiles_readAllBytes_gathered_", "jawait `AsyncFiles.readAllBytes`, 1,000 gathered"),
    ("jawait_toThread_Files_readAllBytes_gathered_", "jawait `toThread(() -> Files.readAllBytes(p))`, gathered"),
    ("virtual_threads_one_per_file", "virtual threads, one per file, `Files.readAllBytes`"),
    ("sequential_Files_readAllBytes", "sequential blocking `Files.readAllBytes`, one thread"),
]
FILE_JDKS = [("jawait", "JDK 17"), ("jawait25", "JDK 25")]


def print_files_table(samples):
    """Reading 1,000 files of 64 KiB: ms per round, (xR) = reader / jawait AsyncFiles, same JDK."""
    med = {k: statistics.median(v) for k, v in samples.items() if k[1].startswith("files.")}
    jdks = [(c, label) for c, label in FILE_JDKS if any(k[0] == c for k in med)]
    if not jdks:
        return
    print()
    print("| read 1,000 files of 64 KiB concurrently: ms per round | " + " | ".join(label for _, label in jdks) + " |")
    print("|" + "|".join(["---"] * (len(jdks) + 1)) + "|")
    for key, label in FILE_READERS:
        cells = []
        for c, _ in jdks:
            v = med.get((c, f"files.{key}.ms"))
            base = med.get((c, f"files.{FILE_READERS[0][0]}.ms"))
            cell = fmt(v)
            if v is not None and base and key != FILE_READERS[0][0]:
                cell += f" (x{v / base:.2f})"
            cells.append(cell)
        print(f"| {label} | " + " | ".join(cells) + " |")
    counts = ", ".join(f"{label}: {len(samples.get((c, 'files.' + FILE_READERS[0][0] + '.ms'), []))}" for c, label in jdks)
    print()
    print(f"Medians over runs ({counts}), each the median of the rounds of one process, readers"
          " interleaved round by round; (xR) = reader / jawait AsyncFiles on the same JDK: above 1,"
          " AsyncFiles is faster. The files are in the page cache after the first round.")


# scenario pg: PgBench's metrics, prefixed pg. by run.sh
PG_CONTENDERS = [
    ("vertx", "raw Vert.x pg client (JDK 17)"),
    ("jawait", "jawait-postgres (JDK 17)"),
    ("jawaitThreads", "jawait-postgres, Vert.x on its own threads (JDK 17)"),
    ("jdbcVirtual", "pgjdbc, virtual threads (JDK 25)"),
    ("jdbcHikari", "pgjdbc + HikariCP, platform threads (JDK 17)"),
]
PG_BASE = "vertx"
PG_ROWS = [
    ("pg.select.per_s", "prepared single-row selects, 10 connections (queries/s)", ">= 0.9x Vert.x",
     lambda v, b: v >= 0.9 * b),
    ("pg.select.cpu_us", "... client CPU per select (µs)", "<= 1.1x Vert.x", lambda v, b: v <= 1.1 * b),
    ("pg.insert.per_s", "executeMany / batch insert, 1 connection (rows/s)", ">= 0.9x Vert.x", lambda v, b: v >= 0.9 * b),
    ("pg.insert.cpu_us", "... client CPU per inserted row (µs)", "<= 1.1x Vert.x", lambda v, b: v <= 1.1 * b),
    ("pg.handoff.per_s", "round trips to Vert.x's event loop and back (/s)", "", None),
    ("pg.handoff.cpu_us", "... client CPU per round trip (µs)", "", None),
]


def print_pg_table(samples):
    """The PostgreSQL clients: medians over runs, (xR) = client / raw Vert.x."""
    med, present = medians_of(samples, "pg.", PG_CONTENDERS)
    if not present:
        return

    def met(metric, target, check, mine, base):
        if check is not None and mine is not None and base is not None:
            return "yes" if check(mine, base) else "**no**"
        return ""

    print_peer_table(med, present, "PostgreSQL (embedded server on the same cores)", PG_BASE, PG_ROWS, met)
    counts = ", ".join(f"{c}: {len(samples.get((c, 'pg.select.per_s'), []))}" for c, _ in present)
    print()
    print(f"Medians over runs ({counts}); (xR) = client / raw Vert.x in the same run. The server"
          " shares the cores with the client: client CPU per query is the steadier figure.")


if __name__ == "__main__":
    main()
