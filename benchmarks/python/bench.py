#!/usr/bin/env python3
"""Python asyncio peer of the jawait macro scenarios (issue #6).

usage: bench.py sleep|sleep_mem|yield|handoff|spawn|await|chain|timers [--quick]

Prints the same `RESULT <metric> <value>` lines as the Java harness
(io.github.jawait.benchmarks.macro.Macro). Per-operation scenarios run fewer operations than
the Java ones (CPython is ~10-100x slower per operation); every metric is per operation, so the
numbers compare directly. Memory per task is the RSS growth per task (CPython has no
"heap after GC" figure comparable to the JVM's; its objects are freed by refcount at once).
"""
import asyncio
import gc
import statistics
import sys
import time

QUICK = "--quick" in sys.argv
DIV = 10 if QUICK else 1
WARMUP = 1
MEASURED = 1 if QUICK else 3

SLEEPERS = 1_000_000 // DIV
YIELDS = 1_000_000 // DIV
HANDOFFS = 400_000 // DIV
SPAWNS = 200_000 // DIV
AWAITS = 2_000_000 // DIV
CHAIN_YIELDS = 100_000 // DIV
DEPTHS = (1, 10, 100, 1000)
TIMERS = 1_000_000 // DIV


def report(metric, value):
    print(f"RESULT\t{metric}\t{value:.4f}", flush=True)


def status_kb(field):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return -1


def measure(metric, ops, run):
    """run() returns elapsed seconds; reports the median ns per operation."""
    for _ in range(WARMUP):
        run()
    samples = [run() / ops * 1e9 for _ in range(MEASURED)]
    report(metric + ".ns", statistics.median(samples))


def timed(coro_fn):
    def run():
        t0 = time.perf_counter()
        asyncio.run(coro_fn())
        return time.perf_counter() - t0
    return run


# ---- 1,000,000 tasks each await sleep(1), gathered -------------------------------------------
suspended = 0


async def sleeper(seconds):
    global suspended
    suspended += 1
    await asyncio.sleep(seconds)


async def sleepers(n, seconds, probe=None):
    global suspended
    suspended = 0
    all_done = asyncio.gather(*(sleeper(seconds) for _ in range(n)))
    if probe is not None:
        while suspended < n:
            await asyncio.sleep(0)
        probe(n)
    return len(await all_done)


def sleep_scenario():
    asyncio.run(sleepers(SLEEPERS // 10, 0.05))
    t0 = time.perf_counter()
    done = asyncio.run(sleepers(SLEEPERS, 1.0))
    wall = time.perf_counter() - t0
    assert done == SLEEPERS
    report("sleep.wall_s", wall)
    report("sleep.peak_rss_MB", status_kb("VmHWM") / 1024)


def sleep_mem_scenario():
    gc.collect()
    baseline = status_kb("VmRSS")

    def probe(n):
        gc.collect()
        rss = status_kb("VmRSS")
        report("sleep.heap_B_per_task", (rss - baseline) * 1024 / n)
        report("sleep_mem.rss_MB", rss / 1024)
        sys.stdout.flush()
        import os
        os._exit(0)

    asyncio.run(sleepers(SLEEPERS, 30.0, probe))


# ---- one task await sleep(0) n times -----------------------------------------------------------
async def yielder(n):
    for _ in range(n):
        await asyncio.sleep(0)


# ---- two tasks handing a value back and forth through asyncio.Queue -------------------------
async def ping_pong(rounds):
    ab, ba = asyncio.Queue(), asyncio.Queue()

    async def ponger():
        for _ in range(rounds):
            ba.put_nowait(await ab.get())

    async def pinger():
        total = 0
        for i in range(rounds):
            ab.put_nowait(i & 127)
            total += await ba.get()
        return total

    pong = asyncio.create_task(ponger())
    total = await pinger()
    await pong
    return total


# ---- create_task + await of a trivial child, sequentially -------------------------------------
async def trivial():
    return None


async def spawn_sequentially(n):
    for _ in range(n):
        await asyncio.create_task(trivial())


# ---- await of an already-completed future ----------------------------------------------------
async def await_completed(n):
    f = asyncio.get_running_loop().create_future()
    f.set_result(7)
    total = 0
    for _ in range(n):
        total += await f
    assert total == 7 * n


async def await_immediate_calls(n):
    for _ in range(n):
        await trivial()


# ---- a chain of coroutines depth deep whose leaf yields n times -------------------------------
async def chain(depth, n):
    if depth <= 1:
        for _ in range(n):
            await asyncio.sleep(0)
        return
    await chain(depth - 1, n)


# ---- timeouts armed then cancelled (call_later + cancel, what wait_for does) ---------------------
def noop():
    pass


async def timers(n, bulk, out):
    loop = asyncio.get_running_loop()
    t0 = time.perf_counter()
    if bulk:
        handles = [loop.call_later(60, noop) for _ in range(n)]
        for h in handles:
            h.cancel()
    else:
        for _ in range(n):
            loop.call_later(60, noop).cancel()
    out.append(time.perf_counter() - t0)
    await asyncio.sleep(0)  # one loop turn: asyncio drops cancelled handles lazily, in _run_once
    out.append(len(loop._scheduled))


def timer_scenario():
    for name, bulk in (("timer", False), ("timer_bulk", True)):
        results = []

        def run():
            out = []
            asyncio.run(timers(TIMERS, bulk, out))
            results.append(out[1])
            return out[0]
        measure(name, TIMERS, run)
        report(name + ".queue_after", results[-1])


def main():
    args = [a for a in sys.argv[1:] if a != "--quick"]
    if len(args) != 1:
        sys.exit(__doc__)
    sys.setrecursionlimit(20_000)
    scenario = args[0]
    if scenario == "sleep":
        sleep_scenario()
    elif scenario == "sleep_mem":
        sleep_mem_scenario()
    elif scenario == "yield":
        measure("yield", YIELDS, timed(lambda: yielder(YIELDS)))
    elif scenario == "handoff":
        measure("handoff", HANDOFFS, timed(lambda: ping_pong(HANDOFFS // 2)))
    elif scenario == "spawn":
        measure("spawn", SPAWNS, timed(lambda: spawn_sequentially(SPAWNS)))
    elif scenario == "await":
        measure("await_done", AWAITS, timed(lambda: await_completed(AWAITS)))
        measure("await_immediate_call", AWAITS, timed(lambda: await_immediate_calls(AWAITS)))
    elif scenario == "chain":
        for d in DEPTHS:
            measure(f"chain_d{d}", CHAIN_YIELDS, timed(lambda d=d: chain(d, CHAIN_YIELDS)))
    elif scenario == "timers":
        timer_scenario()
    else:
        sys.exit(f"unknown scenario {scenario}\n{__doc__}")


if __name__ == "__main__":
    main()
