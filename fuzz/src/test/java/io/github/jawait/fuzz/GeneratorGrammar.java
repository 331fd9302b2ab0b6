package io.github.jawait.fuzz;

import io.github.jawait.fuzz.Src.Block;
import io.github.jawait.fuzz.Src.Compound;
import io.github.jawait.fuzz.Src.Line;
import io.github.jawait.fuzz.Src.Method;
import io.github.jawait.fuzz.Src.Seg;
import io.github.jawait.fuzz.Src.Stmt;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Issue 14 bug 3's shape in the grammar: async generators that implement a generic interface
 * method ({@code Lib.Source<T>.items(T)}, so the compilers add a bridge) and are called through
 * the interface, consumed {@code async for}-style:
 * {@code try (AsyncGenerator<T> g = SRC0.items(x)) { while (await(g.hasNext())) { ... g.next() ... } }}.
 *
 * <p>A generator awaits between its emits (finished, slow and failing coroutines, the bridged
 * {@code FETCH}), keeps a local across them, may end early, throw (checked or not) after some
 * emits, and may have a {@code finally} that traces and awaits; a consumer may stop early, so
 * the generator is closed while paused at an emit ({@code GeneratorExit} runs its finally).
 *
 * <p>The reference program runs the same body lazily: {@link Harness#referenceSource} wraps it
 * in the reference runtime's {@code generator(() -> { ... })} (a body on its own thread, run
 * only while the consumer waits: see {@code ref.ThreadGenerator}), the marker comments
 * {@link #BODY} and {@link #BODY_END} showing where.
 *
 * <p>Its choices come from a random stream of their own, so the rest of a seed's program is
 * the program the grammar wrote before generators were added (names and trace labels too).
 */
final class GeneratorGrammar {
    /** Ends the header line of a generator method; the reference source opens the lazy body there. */
    static final String BODY = "/* generator body */";
    /** Closes a generator method and its class; the reference source closes the lazy body there. */
    static final String BODY_END = "} /* generator body end */ }";

    private record Gen(String name, boolean strings) {
    }

    private final SplittableRandom r;
    private final List<Gen> gens = new ArrayList<>();
    private int sites;

    GeneratorGrammar(long seed) {
        this.r = new SplittableRandom(seed ^ 0x6A09E667F3BCC909L);
        if (r.nextInt(3) == 0) {
            int n = r.nextInt(1, 3);
            for (int i = 0; i < n; i++) {
                gens.add(new Gen("Gen" + i, r.nextBoolean()));
            }
        }
    }

    boolean any() {
        return !gens.isEmpty();
    }

    /** The generator classes, each as a method of the program (a header that opens the class too); never removed. */
    List<Method> members() {
        List<Method> out = new ArrayList<>();
        for (Gen g : gens) {
            out.add(member(g));
        }
        return out;
    }

    private Method member(Gen g) {
        String t = g.strings ? "String" : "Integer";
        String head = "static final Source<" + t + "> SRC_" + g.name + " = new " + g.name + "(); static final class "
                + g.name + " implements Source<" + t + "> { @Async @Override public AsyncGenerator<" + t + "> items("
                + t + " x) throws FuzzException { " + BODY;
        String tag = g.name.toLowerCase();
        Block body = new Block();
        body.stmts.add(new Line("fuel();"));
        body.stmts.add(new Line("t(\"" + tag + " start \" + x);"));
        body.stmts.add(new Line("int n = " + r.nextInt(-3, 10) + ";"));
        Block loop = new Block();
        int turns = r.nextInt(1, 6);
        loop.stmts.add(new Line("int v = " + switch (r.nextInt(4)) {
            case 0 -> "await(result(i * 3));";
            case 1 -> "await(slow(i, " + r.nextInt(0, 3) + "));";
            case 2 -> "await(FETCH.fetch(i));";
            default -> "i + await(slowT(n, 1));";
        }));
        int at = r.nextInt(0, turns + 2); // may be past the last turn: then nothing happens
        switch (r.nextInt(5)) {
            case 0 -> loop.stmts.add(new Line("if (i == " + at + ") { await(fail(i, 1)); }"));
            case 1 -> loop.stmts.add(new Line("if (i == " + at + ") { throw new FuzzError(\"" + tag + " \" + i); }"));
            case 2 -> loop.stmts.add(new Line("if (i == " + at + ") { return end(); }"));
            case 3 -> loop.stmts.add(new Line("if (i % 2 == " + r.nextInt(2) + ") { continue; }"));
            default -> {
            }
        }
        loop.stmts.add(new Line("emit(x + v);"));
        loop.stmts.add(new Line("t(\"" + tag + " resumed \" + i + \" \" + n);"));
        loop.stmts.add(new Line("n += v;"));
        Stmt forLoop = new Compound(new ArrayList<>(List.of(new Seg("for (int i = 0; i < " + turns + "; i++) {", loop,
                false))), "}");
        if (r.nextBoolean()) {
            Block fin = new Block();
            fin.stmts.add(new Line("t(\"" + tag + " finally \" + n);"));
            if (r.nextBoolean()) {
                fin.stmts.add(new Line("await(sleep(0));"));
                fin.stmts.add(new Line("t(\"" + tag + " finally after await\");"));
            }
            Block tryBody = new Block();
            tryBody.stmts.add(forLoop);
            body.stmts.add(new Compound(new ArrayList<>(List.of(new Seg("try {", tryBody, false),
                    new Seg("} finally {", fin, false))), "}"));
        } else {
            body.stmts.add(forLoop);
        }
        body.stmts.add(new Line("t(\"" + tag + " end \" + n);"));
        body.stmts.add(new Line("return end();"));
        return new Method(head, body, false, BODY_END);
    }

    /** Now and then (never where {@code try} is not allowed), a consumer of one of the generators. */
    Stmt maybeConsumer(boolean tryAllowed) {
        if (gens.isEmpty() || !tryAllowed || r.nextInt(24) != 0) {
            return null;
        }
        Gen g = gens.get(r.nextInt(gens.size()));
        String t = g.strings ? "String" : "Integer";
        int site = sites++;
        String gv = "gen_" + site;
        String count = "got_" + site;
        String arg = g.strings ? "\"" + (char) ('a' + r.nextInt(26)) + "\"" : Integer.toString(r.nextInt(-5, 20));
        if (r.nextInt(3) == 0) {
            arg = "await(slowT(" + arg + ", " + r.nextInt(0, 3) + "))"; // an await in the interface call's argument
        }
        Block loop = new Block();
        loop.stmts.add(new Line("t(\"g" + site + " \" + " + gv + ".next());"));
        if (r.nextBoolean()) {
            loop.stmts.add(new Line("if (++" + count + " == " + r.nextInt(1, 4) + ") { break; }"));
        }
        if (r.nextInt(3) == 0) {
            loop.stmts.add(new Line("await(sleep(0));"));
        }
        Block body = new Block();
        body.stmts.add(new Line("int " + count + " = 0;"));
        body.stmts.add(new Compound(new ArrayList<>(List.of(new Seg("while (await(" + gv + ".hasNext())) {", loop,
                false))), "}"));
        body.stmts.add(new Line("t(\"g" + site + " done \" + " + count + ");"));
        Block handler = new Block();
        handler.stmts.add(new Line("t(\"g" + site + " caught \" + ex(ge_" + site + "));"));
        List<Seg> segs = new ArrayList<>();
        segs.add(new Seg("try (AsyncGenerator<" + t + "> " + gv + " = SRC_" + g.name + ".items(" + arg + ")) {", body,
                false));
        segs.add(new Seg("} catch (FuzzException ge_" + site + ") {", handler, false));
        return new Compound(segs, "}");
    }
}
