#!/usr/bin/env node
// Node.js peer of the jawait macro scenarios (issue #17).
//
// usage: node --expose-gc benchmarks/node/bench.js sleep|sleep_mem|yield|handoff|spawn|await|chain|timers [--quick]
//
// Prints the same `RESULT <metric> <value>` lines as the Java harness
// (io.github.jawait.benchmarks.macro.Macro), each per-operation figure the median of 3 measured
// rounds after 2 warm-up rounds. Scenarios written as a JavaScript user writes them:
//   sleep      1M async functions each awaiting a setTimeout promise, under Promise.all
//   yield      `await new Promise(setImmediate)`: a turn of the event loop, like sleep(0)
//              (and `await null`, a microtask that never reaches the loop: yield_microtask)
//   handoff    two async functions passing a value through two promise queues (ping-pong)
//   await      `await` of an already-resolved promise; call + await of an async function
//   chain      async functions `depth` deep whose leaf yields with setImmediate
//   timers     setTimeout armed, then clearTimeout (what a cancelled timeout does)
// spawn has no Node form (an async function runs at once when called; there are no tasks).
'use strict';

const QUICK = process.argv.includes('--quick');
const DIV = QUICK ? 10 : 1;
const WARMUP = QUICK ? 1 : 2;
const MEASURED = QUICK ? 1 : 3;

const SLEEPERS = 1_000_000 / DIV;
const YIELDS = 1_000_000 / DIV;
const MICRO_YIELDS = 10_000_000 / DIV;
const HANDOFFS = 2_000_000 / DIV;
const AWAITS = 10_000_000 / DIV;
const CHAIN_YIELDS = 100_000 / DIV;
const DEPTHS = [1, 10, 100, 1000];
const TIMERS = 1_000_000 / DIV;

function report(metric, value) {
  process.stdout.write(`RESULT\t${metric}\t${value.toFixed(4)}\n`);
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

function check(ok, what) {
  if (!ok) throw new Error('check failed: ' + what);
}

// run() resolves to elapsed ns; reports the median ns per operation
async function measure(metric, ops, run) {
  for (let i = 0; i < WARMUP; i++) await run();
  const ns = [];
  for (let i = 0; i < MEASURED; i++) ns.push((await run()) / ops);
  report(metric + '.ns', median(ns));
}

function timed(body) {
  return async () => {
    const t0 = process.hrtime.bigint();
    await body();
    return Number(process.hrtime.bigint() - t0);
  };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const nextTurn = () => new Promise(setImmediate);

// ---- 1M async functions each awaiting a setTimeout promise, under Promise.all ----------------
async function sleeper(ms) {
  await sleep(ms);
  return 1;
}

async function sleepers(n, ms) {
  const all = [];
  for (let i = 0; i < n; i++) all.push(sleeper(ms)); // each runs to its await at once
  return all;
}

async function sleepScenario() {
  await Promise.all(await sleepers(SLEEPERS / 10, 50));
  const t0 = process.hrtime.bigint();
  const done = (await Promise.all(await sleepers(SLEEPERS, 1000))).length;
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  check(done === SLEEPERS, `gathered ${done}`);
  report('sleep.wall_s', wall);
  report('sleep.peak_rss_MB', process.resourceUsage().maxRSS / 1024);
}

// heap after a full GC while every sleeper is suspended, minus before, per task (V8 heapUsed)
async function sleepMemScenario() {
  check(typeof global.gc === 'function', 'run with node --expose-gc');
  global.gc();
  const baseline = process.memoryUsage().heapUsed;
  const all = await sleepers(SLEEPERS, 30_000);
  global.gc();
  const used = process.memoryUsage().heapUsed;
  report('sleep.heap_B_per_task', (used - baseline) / SLEEPERS);
  report('sleep_mem.rss_MB', process.memoryUsage().rss / 1024 / 1024);
  check(all.length === SLEEPERS, 'sleepers');
  process.exit(0);
}

// ---- yields ----------------------------------------------------------------------------------
async function yieldTurns(n) {
  for (let i = 0; i < n; i++) await nextTurn();
}

async function yieldMicrotasks(n) {
  for (let i = 0; i < n; i++) await null;
}

// ---- ping-pong through two promise queues (asyncio.Queue's put_nowait / await get()) --------
class AsyncQueue {
  constructor() {
    this.items = [];
    this.waiters = [];
  }

  putNowait(v) {
    const w = this.waiters.shift();
    if (w) w(v);
    else this.items.push(v);
  }

  get() {
    if (this.items.length) return Promise.resolve(this.items.shift());
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}

async function pingPong(rounds) {
  const ab = new AsyncQueue();
  const ba = new AsyncQueue();
  const pong = (async () => {
    for (let i = 0; i < rounds; i++) ba.putNowait(await ab.get());
  })();
  let sum = 0;
  for (let i = 0; i < rounds; i++) {
    ab.putNowait(i & 127);
    sum += await ba.get();
  }
  await pong;
  let expected = 0;
  for (let i = 0; i < rounds; i++) expected += i & 127;
  check(sum === expected, `ping-pong sum ${sum}`);
}

// ---- await of a resolved promise; call + await of an async function -------------------------
async function awaitResolved(n) {
  const p = Promise.resolve(7);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += await p;
  check(sum === 7 * n, 'sum');
}

async function immediate(i) {
  return i;
}

async function awaitImmediateCalls(n) {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += await immediate(i);
  check(sum === (n * (n - 1)) / 2, 'sum');
}

// ---- chain of async functions, the leaf yields a loop turn ----------------------------------
async function chain(depth, n) {
  if (depth <= 1) {
    for (let i = 0; i < n; i++) await nextTurn();
    return;
  }
  await chain(depth - 1, n);
}

// ---- timeouts: setTimeout then clearTimeout --------------------------------------------------
function noop() {}

function timersArmCancel(n) {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) clearTimeout(setTimeout(noop, 60_000));
  return Number(process.hrtime.bigint() - t0);
}

function timersArmAllThenCancel(n) {
  const t0 = process.hrtime.bigint();
  const handles = new Array(n);
  for (let i = 0; i < n; i++) handles[i] = setTimeout(noop, 60_000);
  for (let i = 0; i < n; i++) clearTimeout(handles[i]);
  return Number(process.hrtime.bigint() - t0);
}

async function main() {
  const args = process.argv.slice(2).filter((a) => a !== '--quick');
  const scenario = args[0];
  switch (scenario) {
    case 'sleep': return sleepScenario();
    case 'sleep_mem': return sleepMemScenario();
    case 'yield':
      await measure('yield', YIELDS, timed(() => yieldTurns(YIELDS)));
      return measure('yield_microtask', MICRO_YIELDS, timed(() => yieldMicrotasks(MICRO_YIELDS)));
    case 'handoff': return measure('handoff', HANDOFFS, timed(() => pingPong(HANDOFFS / 2)));
    case 'spawn': return undefined; // no Node form: the row shows —
    case 'await':
      await measure('await_done', AWAITS, timed(() => awaitResolved(AWAITS)));
      return measure('await_immediate_call', AWAITS, timed(() => awaitImmediateCalls(AWAITS)));
    case 'chain':
      for (const d of DEPTHS) await measure(`chain_d${d}`, CHAIN_YIELDS, timed(() => chain(d, CHAIN_YIELDS)));
      return undefined;
    case 'timers':
      await measure('timer', TIMERS, async () => timersArmCancel(TIMERS));
      return measure('timer_bulk', TIMERS, async () => timersArmAllThenCancel(TIMERS));
    default:
      process.stderr.write(`unknown scenario ${scenario}\nusage: node --expose-gc bench.js sleep|sleep_mem|yield|handoff|spawn|await|chain|timers [--quick]\n`);
      process.exit(2);
  }
  return undefined;
}

main().then(() => process.exit(0), (e) => {
  process.stderr.write(String(e && e.stack || e) + '\n');
  process.exit(1);
});
