#!/usr/bin/env python3
"""Turns the raw results of benchmarks/run.sh into one Markdown table.

usage: summarize.py RESULTS.tsv

RESULTS.tsv has the columns contender, run, metric, value (one line per RESULT line of one
process). Each cell is the median over runs; peers show the ratio peer/jawait in parentheses
(above 1: jawait is faster or smaller). The jawait column is checked against the issue #6
targets.
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
    ("asyncio", "Python asyncio"),
]
BASE = "jawait"

# metric, label, target (as text), check(value) -> bool or None
ROWS = [
    ("sleep.wall_s", "1M tasks `await(sleep(1 s))`, gathered: wall (s)", "<= 1.3", lambda v: v <= 1.3),
    ("sleep.heap_B_per_task", "... heap retained per suspended task (B)", "<= 150", lambda v: v <= 150),
    ("sleep.peak_rss_MB", "... peak RSS, VmHWM (MB)", "<= 200", lambda v: v <= 200),
    ("yield.ns", "`await(sleep(0))` (ns per yield)", "<= 10", lambda v: v <= 10),
    ("yield.alloc_B", "... allocated (B per yield)", "", None),
    ("handoff.ns", "ping-pong through a Queue (ns per handoff)", "<= 30", lambda v: v <= 30),
    ("handoff.alloc_B", "... allocated (B per handoff)", "", None),
    ("handoff_waiter.ns", "... through a bare Waiter mailbox (ns per handoff)", "", None),
    ("task_switch.ns", "... floor: switch between two yielding tasks (ns)", "", None),
    ("spawn.ns", "createTask + await trivial child (ns per child)", "<= 100", lambda v: v <= 100),
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
    present = [(c, label) for c, label in CONTENDERS if runs.get(c)]
    med = {k: statistics.median(v) for k, v in samples.items()}

    head = ["scenario", "target", "met?"] + [label for _, label in present]
    print("| " + " | ".join(head) + " |")
    print("|" + "|".join(["---"] * len(head)) + "|")
    for metric, label, target, check in ROWS:
        if not any((c, metric) in med for c, _ in present):
            continue
        base = med.get((BASE, metric))
        met = ""
        if check is not None and base is not None:
            met = "yes" if check(base) else "**no**"
        cells = []
        for c, _ in present:
            v = med.get((c, metric))
            cell = fmt(v)
            if c != BASE and v is not None and base not in (None, 0) and metric != "chain_ratio" \
                    and not metric.endswith("queue_after") and not metric.endswith("alloc_B"):
                cell += f" (x{v / base:.2f})"
            cells.append(cell)
        print("| " + " | ".join([label, target, met] + cells) + " |")
    print()
    counts = ", ".join(f"{c}: {len(runs[c])}" for c, _ in present)
    print(f"Medians over runs ({counts}); (xR) = peer / jawait (JDK 17): above 1, jawait is"
          " faster or smaller. — : not applicable or not measurable for that contender.")


if __name__ == "__main__":
    main()
