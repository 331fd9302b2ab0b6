package io.github.jawait.benchmarks.macro

import java.util.concurrent.atomic.AtomicInteger
import kotlin.coroutines.CoroutineContext
import kotlin.coroutines.EmptyCoroutineContext
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import kotlinx.coroutines.yield

/**
 * Kotlin coroutines (issue #17), the scenarios written the way a Kotlin user writes them:
 * `async { delay(..) }` gathered with `awaitAll`, `yield()`, two unlimited `Channel`s for the
 * handoff (the counterpart of jawait's unbounded `Queue` with `putNowait` + `await(get())`),
 * `launch { }.join()`, a chain of `suspend` functions, `withTimeout` armed and left at once.
 *
 * `oneThread = true` (contender `kotlin`): every scenario under `runBlocking` on the calling
 * thread, one thread like jawait's loop (allocations on that thread are counted).
 * `oneThread = false` (contender `kotlinDefault`): under `runBlocking(Dispatchers.Default)`,
 * the multi-threaded pool a Kotlin server uses by default (one worker per core).
 */
internal class KotlinContender(private val oneThread: Boolean) : Contender {
    private val context: CoroutineContext = if (oneThread) EmptyCoroutineContext else Dispatchers.Default
    private val caller = Thread.currentThread().id

    private fun timed(block: suspend CoroutineScope.() -> Unit): Long {
        val t0 = System.nanoTime()
        runBlocking(context, block)
        return System.nanoTime() - t0
    }

    override fun sleepers(n: Int, seconds: Double, probe: Runnable?): Long {
        val millis = (seconds * 1000).toLong()
        val suspended = AtomicInteger() // atomic: on Dispatchers.Default the sleepers run in parallel
        var gathered = 0
        val t = timed {
            val all = List(n) {
                async {
                    suspended.incrementAndGet()
                    delay(millis)
                    1
                }
            }
            if (probe != null) {
                while (suspended.get() < n) {
                    yield()
                }
                probe.run()
            }
            gathered = all.awaitAll().sum()
        }
        JawaitContender.check(gathered == n, "gathered $gathered of $n")
        return t
    }

    override fun yields(n: Int): Long = timed {
        repeat(n) { yield() }
    }

    override fun handoffs(n: Int): Long {
        val rounds = n / 2
        var sum = 0L
        val t = timed {
            val ab = Channel<Int>(Channel.UNLIMITED)
            val ba = Channel<Int>(Channel.UNLIMITED)
            val pong = launch {
                repeat(rounds) { ba.send(ab.receive()) }
            }
            var s = 0L
            for (i in 0 until rounds) {
                ab.send(i and 127)
                s += ba.receive()
            }
            pong.join()
            sum = s
        }
        var expected = 0L
        for (i in 0 until rounds) expected += i and 127
        JawaitContender.check(sum == expected, "ping-pong sum $sum")
        return t
    }

    override fun spawns(n: Int): Long = timed {
        repeat(n) { launch { }.join() }
    }

    /** `await()` of a `Deferred` that is already complete: jawait's await of a finished task. */
    override fun awaitCompleted(n: Int): Long {
        var sum = 0L
        val t = timed {
            val done = CompletableDeferred(7)
            var s = 0L
            repeat(n) { s += done.await() }
            sum = s
        }
        JawaitContender.check(sum == 7L * n, "sum")
        return t
    }

    /** A call of a `suspend` function that returns without suspending: jawait's immediate call. */
    override fun extras(n: Int, rounds: Macro.Rounds) {
        rounds.measure("await_immediate_call", n) {
            var sum = 0L
            val t = timed {
                var s = 0L
                repeat(n) { s += immediate(it) }
                sum = s
            }
            JawaitContender.check(sum == n.toLong() * (n - 1) / 2, "sum")
            t
        }
    }

    override fun chain(depth: Int, n: Int): Long = timed { nest(depth, n) }

    /** `withTimeout` whose block returns at once: the timeout is armed, then disposed. */
    override fun timersArmCancel(n: Int): Long {
        var sum = 0L
        val t = timed {
            var s = 0L
            repeat(n) { s += withTimeout(60_000) { it } }
            sum = s
        }
        JawaitContender.check(sum == n.toLong() * (n - 1) / 2, "sum")
        return t
    }

    /** A million `withTimeout`s pending at once would be a million nested blocks: no Kotlin form. */
    override fun timersArmAllThenCancel(n: Int): Long = -1

    override fun workThreadId(): Long = if (oneThread) caller else -1
}

private suspend fun immediate(i: Int): Int = i

private suspend fun nest(depth: Int, n: Int) {
    if (depth <= 1) {
        repeat(n) { yield() }
        return
    }
    nest(depth - 1, n)
}
