package io.github.jawait.fuzz;

import io.github.jawait.fuzz.Src.Block;
import io.github.jawait.fuzz.Src.Compound;
import io.github.jawait.fuzz.Src.Line;
import io.github.jawait.fuzz.Src.Method;
import io.github.jawait.fuzz.Src.Program;
import io.github.jawait.fuzz.Src.Seg;
import io.github.jawait.fuzz.Src.Stmt;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates a random, valid, terminating Java program full of {@code @Async} methods from a seed.
 *
 * <p>The program is written once against the real API ({@code io.github.jawait}); the harness
 * derives the reference program by changing its package and import lines. Every value computed,
 * every exception caught and every finally entered is written to the trace {@code TR}. Loops are
 * bounded by small constants, calls between generated methods go from {@code m_i} to {@code m_j}
 * with {@code j > i} (or to itself while the depth argument {@code d} is positive), and a fuel
 * counter bounds the number of calls, so every program terminates. Each awaited value comes from
 * a helper chosen at random: already done ({@code result(v)}), done after some loop turns
 * ({@code slow}, {@code slowT}: {@code await(sleep(0))} k times), or failed after some turns with
 * a checked exception ({@code fail}, {@code failT}); or from another generated method, an async
 * lambda, or an {@code @Async} instance method of a nested class.
 *
 * <p>Validity rules the generator keeps (javac and ECJ reject the rest): every local is
 * initialized where it is declared and has a fresh name; only never-assigned locals are captured
 * by lambdas; {@code catch (FuzzException e)} only where the try block can throw it (tracked
 * through nested tries exactly as the compilers do); no statement follows an unconditional jump
 * except where the construct still completes normally; no {@code return}/{@code break}/{@code
 * continue} leaves a switch expression; a {@code Supplier} lambda throws no checked exception.
 */
final class ProgramGenerator {

    enum Ty {
        INT("int"), LONG("long"), DOUBLE("double"), FLOAT("float"), SHORT("short"), BYTE("byte"), CHAR("char"),
        BOOLEAN("boolean"), STRING("String"), BOX("Box"), ARR("int[]"), OBJECT("Object"),
        FN("IntFn"), SUP("Supplier<Coroutine<Integer>>");

        final String java;

        Ty(String java) {
            this.java = java;
        }
    }

    private static final Ty[] DECL_TYPES = {Ty.INT, Ty.INT, Ty.INT, Ty.LONG, Ty.DOUBLE, Ty.FLOAT, Ty.SHORT,
            Ty.BYTE, Ty.CHAR, Ty.BOOLEAN, Ty.STRING, Ty.STRING, Ty.BOX, Ty.ARR, Ty.OBJECT};
    private static final Ty[] PARAM_TYPES = {Ty.INT, Ty.INT, Ty.LONG, Ty.DOUBLE, Ty.FLOAT, Ty.CHAR, Ty.BOOLEAN,
            Ty.STRING, Ty.STRING, Ty.BOX, Ty.ARR, Ty.OBJECT, Ty.SHORT, Ty.BYTE};
    private static final String[] STRINGS = {"a", "b", "ab", "", "xyz", "b"};

    /** A local variable: assignable ones are never captured; capturable ones are never assigned. */
    record Var(String name, Ty ty, boolean assignable, boolean capturable) {
    }

    /** A target of break/continue: a loop, a switch statement or a labeled block. */
    record Jump(String label, boolean loop, boolean unlabeledBreak) {
    }

    /**
     * A generated method; an instance method is {@code private}, {@code final} or neither
     * ({@code modifier}), so that calls among them take the agent's direct calls or the factory.
     */
    record Sig(int index, String name, boolean isStatic, List<Ty> params, String modifier) {
    }

    private static final class Scope {
        final Scope parent;
        final List<Var> vars = new ArrayList<>();

        Scope(Scope parent) {
            this.parent = parent;
        }
    }

    private final SplittableRandom r;
    private final List<Sig> sigs = new ArrayList<>();
    private int names;
    private int sites;

    // the context of the body being generated; saved and restored around lambdas and arms
    private Scope scope;
    private Deque<Jump> jumps = new ArrayDeque<>();
    private int methodIndex;        // callees must have a larger index (entry: -1)
    private boolean instance;       // `this` and the field `fld` are available
    private boolean checked;        // FuzzException may be thrown here (false in Supplier lambdas)
    private boolean inSwitchExpr;   // no return may leave the switch expression
    private int tryDepth;           // a tail `return coroutine` only outside try statements
    private int lambdaDepth;
    private boolean mayThrow;       // can a FuzzException leave the construct being generated?
    private int budget;             // statements left for this method
    private boolean noTry;          // inside an inline switch-expression arm: no try statements
    private int awaitedConstructors; // constructor calls with an await in their arguments, in this body
    private int inFinally;
    private final java.util.Set<String> facts = new java.util.TreeSet<>();

    /**
     * Pattern switches only in programs of the javac variants (a seed's variant is seed mod 4):
     * ECJ 3.42 compiles some of them into plain Java that never finishes (seed 119 on JDK 25,
     * with and without -g), an ECJ bug the rewrite has nothing to do with.
     */
    private final boolean patterns;
    /** Async generators called through a generic interface (issue 14 bug 3), from a random stream of their own. */
    private final GeneratorGrammar generators;

    ProgramGenerator(long seed) {
        this.r = new SplittableRandom(seed);
        this.generators = new GeneratorGrammar(seed);
        this.patterns = Compilers.PATTERNS
                && Variant.values()[(int) Math.floorMod(seed, 4L)].compiler == Compilers.Kind.JAVAC;
    }

    static Program generate(long seed) {
        return new ProgramGenerator(seed).program(seed);
    }

    private Program program(long seed) {
        int n = r.nextInt(1, 5);
        for (int i = 0; i < n; i++) {
            List<Ty> ps = new ArrayList<>();
            int k = r.nextInt(0, 4);
            for (int j = 0; j < k; j++) {
                ps.add(pick(PARAM_TYPES));
            }
            // the modifier comes from the seed, not from r: the rest of the program stays as it was
            String modifier = List.of("", "private ", "final ").get((int) Math.floorMod(seed * 31 + i, 3L));
            sigs.add(new Sig(i, "m" + i, r.nextInt(3) > 0, ps, modifier));
        }
        Program p = new Program(Prelude.PREFIX.replace("@SEED@", Long.toString(seed)), Prelude.SUFFIX);
        p.methods.add(method(-1));
        for (Sig s : sigs) {
            p.methods.add(method(s.index));
        }
        if (generators.any()) {
            p.methods.addAll(generators.members());
            facts.add("generators");
        }
        p.facts.addAll(facts);
        return p;
    }

    // ---------------------------------------------------------------- methods

    private Method method(int index) {
        scope = new Scope(null);
        jumps = new ArrayDeque<>();
        methodIndex = index;
        checked = true;
        inSwitchExpr = false;
        tryDepth = 0;
        lambdaDepth = 0;
        mayThrow = false;
        awaitedConstructors = 0;
        budget = r.nextInt(6, 28);
        String head;
        Block body = new Block();
        if (index < 0) {
            instance = false;
            head = "@Async static Coroutine<Integer> entry() throws FuzzException {";
        } else {
            Sig s = sigs.get(index);
            instance = !s.isStatic;
            StringBuilder h = new StringBuilder("@Async ");
            if (s.isStatic) {
                h.append("static ");
            } else {
                h.append(s.modifier);
            }
            h.append("Coroutine<Integer> ").append(s.name).append("(int d");
            scope.vars.add(new Var("d", Ty.INT, false, true));
            for (int i = 0; i < s.params.size(); i++) {
                Ty t = s.params.get(i);
                String name = "p" + i;
                h.append(", ").append(t.java).append(' ').append(name);
                scope.vars.add(new Var(name, t, false, true));
            }
            h.append(") throws FuzzException {");
            head = h.toString();
            body.stmts.add(new Line("fuel();"));
            StringBuilder args = new StringBuilder("t(\"enter " + s.name + " \" + d");
            for (int i = 0; i < s.params.size(); i++) {
                args.append(" + \" \" + ").append(show(new Var("p" + i, s.params.get(i), false, true)));
            }
            body.stmts.add(new Line(args.append(");").toString()));
        }
        while (budget > 0) {
            body.stmts.add(stmt(0));
            consumer(body);
        }
        if (r.nextInt(40) == 0) {
            wide(body);
        }
        body.stmts.add(new Line(finalReturn()));
        noteConstructors(body);
        return new Method(head, body, index >= 0);
    }

    /**
     * Issue 14 bug 4: a large method, 20 to 45 int locals live across 20 to 50 awaits (the agent
     * saves and restores every one of them at each); they are not in scope for the rest.
     */
    private void wide(Block body) {
        int n = r.nextInt(20, 46);
        List<String> ws = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ws.add(fresh("w"));
        }
        Block b = new Block();
        for (String w : ws) {
            b.stmts.add(new Line("int " + w + " = " + r.nextInt(-5, 50) + " + sf;"));
        }
        int awaits = r.nextInt(20, 51);
        for (int i = 0; i < awaits; i++) {
            String target = ws.get(r.nextInt(n));
            String source = ws.get(r.nextInt(n));
            b.stmts.add(new Line(target + " += await(" + (r.nextBoolean() ? "slow(" + source + ", 1)"
                    : "result(" + source + " ^ " + i + ")") + ");"));
        }
        b.stmts.add(new Line(trace("(" + String.join(" + ", ws) + ")")));
        facts.add("wide method");
        body.stmts.add(new Compound(new ArrayList<>(List.of(new Seg("{", b, false))), "}"));
    }

    private String finalReturn() {
        if (tryDepth == 0 && r.nextInt(5) == 0) {
            return "return " + producer(Ty.INT, 1) + ";";
        }
        return "return result(" + expr(Ty.INT, 2) + ");";
    }

    // ---------------------------------------------------------------- statements

    private Block block(int depth, int max) {
        Scope saved = scope;
        scope = new Scope(scope);
        Block b = new Block();
        int n = r.nextInt(1, max + 1);
        for (int i = 0; i < n && (i == 0 || budget > 0); i++) {
            b.stmts.add(stmt(depth));
            consumer(b);
        }
        scope = saved;
        return b;
    }

    /** Now and then, a generator consumed after the statement just added (a try-with-resources: not where tries are not allowed). */
    private void consumer(Block b) {
        Stmt c = generators.maybeConsumer(!noTry);
        if (c != null) {
            b.stmts.add(c);
        }
    }

    private Stmt stmt(int depth) {
        budget--;
        boolean deep = depth >= 3 || budget <= 0;
        for (;;) {
            int k = r.nextInt(100);
            if (k < 14) {
                return declare(depth);
            } else if (k < 24) {
                String a = assign();
                if (a != null) {
                    return new Line(a);
                }
            } else if (k < 38) {
                return new Line(trace(shown(pick(DECL_TYPES), 2)));
            } else if (k < 43) {
                return new Line(r.nextBoolean() ? "await(sleep(0));" : "await(" + producer(pickAwaitType(), 1) + ");");
            } else if (k < 51 && !deep) {
                return ifStmt(depth);
            } else if (k < 59 && !deep) {
                return loop(depth);
            } else if (k < 64 && !deep) {
                return switchStmt(depth);
            } else if (k < 68 && !deep) {
                return switchExprDecl(depth);
            } else if (k < 76 && !deep && !noTry) {
                return tryStmt(depth);
            } else if (k < 80 && !deep && !noTry) {
                return twr(depth);
            } else if (k < 84) {
                return new Line("if (" + guard(2) + ") { " + terminator() + " }");
            } else if (k < 88) {
                Stmt j = jump();
                if (j != null) {
                    return j;
                }
            } else if (k < 91 && !deep && lambdaDepth < 2) {
                return lambda(depth);
            } else if (k < 93 && !deep) {
                return labeledBlock(depth);
            } else if (k < 96) {
                return new Line("mix(" + expr(Ty.INT, 2) + ", " + expr(Ty.LONG, 1) + ", " + expr(Ty.STRING, 1) + ", "
                        + expr(Ty.DOUBLE, 1) + ", " + cond(1) + ");");
            } else if (k < 100 && !deep) {
                return doWhile(depth);
            }
            if (r.nextInt(12) == 0) {
                // a synchronized block is a try (its monitor exit handler): javac 17 emits frames
                // that fail verification when one sits in a switch-expression arm over a non-empty
                // operand stack, so those arms (noTry) get no synchronized block either
                return noTry ? explicitClose() : switch (r.nextInt(3)) {
                    case 0 -> synchronizedBlock();
                    case 1 -> synchronizedInTry();
                    default -> explicitClose();
                };
            }
            if (patterns && r.nextInt(20) == 0) {
                return patternSwitch();
            }
        }
    }

    /**
     * {@code synchronized} with no await inside (the agent refuses that); awaits come before and
     * after it, and (through {@link #synchronizedInTry}) in the handler of a try around it.
     */
    private Stmt synchronizedBlock() {
        Block body = new Block();
        Ty t = pick(new Ty[] {Ty.INT, Ty.STRING, Ty.LONG, Ty.BOX});
        Var v = var(t, false);
        body.stmts.add(new Line(trace(v != null ? show(v) : "sf")));
        if (r.nextBoolean()) {
            body.stmts.add(new Line("if (sf++ % 3 == 1) { throw new FuzzError(\"in synchronized " + (sites++) + "\"); }"));
        }
        return new Compound(new ArrayList<>(List.of(new Seg("synchronized (" + (r.nextBoolean() ? "INST" : "Prog.class")
                + ") {", body, false))), "}");
    }

    /**
     * Java 21 (generated only when the fuzzer compiles for 21, on JDK 21 and newer): a switch
     * over an Object with type patterns, guards, record patterns and {@code case null}; javac and
     * ECJ compile it to an invokedynamic type switch with a restart index, and the arms await.
     */
    private Stmt patternSwitch() {
        String selector = switch (r.nextInt(5)) {
            case 0 -> "(Object) " + noSwitch(Ty.BOX, 2);
            case 1 -> "(Object) " + noSwitch(Ty.STRING, 2);
            case 2 -> "(Object) Integer.valueOf(" + noSwitch(Ty.INT, 2) + ")";
            case 3 -> "(Object) new Pair(" + noSwitch(Ty.INT, 2) + ", " + noSwitch(Ty.STRING, 1) + ")";
            default -> "(" + cond(1) + " ? null : (Object) " + noSwitch(Ty.STRING, 1) + ")";
        };
        String pa = fresh("pa");
        String pb = fresh("pb");
        String qa = fresh("qa");
        String qb = fresh("qb");
        String bx = fresh("bx");
        String by = fresh("by");
        String st = fresh("st");
        String in = fresh("in");
        Block arms = new Block();
        arms.stmts.add(new Line("case Pair(int " + pa + ", String " + pb + ") when " + pa + " > " + r.nextInt(-2, 6)
                + " -> " + trace(pa + " + " + pb + " + " + noSwitch(Ty.INT, 1))));
        arms.stmts.add(new Line("case Pair(var " + qa + ", var " + qb + ") -> " + trace(qb + " + " + qa)));
        arms.stmts.add(new Line("case Box " + bx + " when " + bx + ".a > " + r.nextInt(-2, 6) + " -> "
                + trace(bx + " + \" \" + " + noSwitch(Ty.INT, 2))));
        arms.stmts.add(new Line("case Box " + by + " -> " + trace("\"box \" + " + by)));
        arms.stmts.add(new Line("case String " + st + " -> " + trace(st + ".length() + " + noSwitch(Ty.INT, 1))));
        arms.stmts.add(new Line("case Integer " + in + " when " + in + " > " + r.nextInt(-2, 6) + " -> "
                + trace(in + " + " + noSwitch(Ty.INT, 1))));
        arms.stmts.add(new Line("case null -> t(\"null " + (sites++) + "\");"));
        arms.stmts.add(new Line("default -> t(\"other " + (sites++) + "\");"));
        facts.add("pattern switch");
        return new Compound(new ArrayList<>(List.of(new Seg("switch (" + selector + ") {", arms, false))), "}");
    }

    /** Issue 14 bug 1: {@code try { synchronized (L) { ... } } catch (...) { await }}, then an await after it. */
    private Stmt synchronizedInTry() {
        Block body = new Block();
        body.stmts.add(synchronizedBlock());
        String e = fresh("e");
        Block handler = new Block();
        handler.stmts.add(new Line("t(\"c" + (sites++) + " \" + ex(" + e + "));"));
        handler.stmts.add(new Line("await(sleep(0));"));
        List<Seg> segs = new ArrayList<>();
        segs.add(new Seg("try {", body, false));
        segs.add(new Seg("} catch (FuzzError " + e + ") {", handler, true));
        return new Compound(segs, "}");
    }

    /** Issue 14 bug 7: a {@code close()} the program calls itself runs as written, never as {@code closeAsync()}. */
    private Stmt explicitClose() {
        String x = fresh("x");
        return new Line("{ Res " + x + " = " + ctor("Res", expr(Ty.INT, 1) + ", false") + "; t(\"explicit \" + "
                + x + ".id); " + x + ".close(); }");
    }

    private String trace(String e) {
        return "t(\"s" + (sites++) + " \" + " + e + ");";
    }

    private String show(Var v) {
        return switch (v.ty) {
            case ARR -> "Arrays.toString(" + v.name + ")";
            default -> v.name;
        };
    }

    private Stmt declare(int depth) {
        Ty t = pick(DECL_TYPES);
        String name = fresh("v");
        boolean assignable = r.nextInt(3) > 0;
        String init = expr(t, 3);
        scope.vars.add(new Var(name, t, assignable, !assignable));
        return new Line((assignable ? "" : "final ") + t.java + " " + name + " = " + init + ";");
    }

    /** An assignment statement, or null if there is nothing to assign. */
    private String assign() {
        int k = r.nextInt(10);
        if (k == 0) {
            return "sf += " + expr(Ty.INT, 2) + ";";
        }
        if (k == 1 && instance) {
            return "fld " + pick(new String[] {"+=", "-=", "^=", "="}) + " " + expr(Ty.INT, 2) + ";";
        }
        if (k == 2) {
            Var box = var(Ty.BOX, false);
            if (box != null) {
                return box.name + ".a " + pick(new String[] {"+=", "=", "*="}) + " " + expr(Ty.INT, 2) + ";";
            }
        }
        if (k == 3) {
            Var arr = var(Ty.ARR, false);
            if (arr != null) {
                return arr.name + "[" + index(arr) + "] " + pick(new String[] {"+=", "=", "-="}) + " "
                        + expr(Ty.INT, 2) + ";";
            }
        }
        List<Var> vs = vars(null, true);
        if (vs.isEmpty()) {
            return null;
        }
        Var v = vs.get(r.nextInt(vs.size()));
        return switch (v.ty) {
            case INT, LONG, SHORT, BYTE, CHAR -> switch (r.nextInt(5)) {
                case 0 -> v.name + "++;";
                case 1 -> "--" + v.name + ";";
                case 2 -> v.name + " += " + (v.ty == Ty.INT ? expr(Ty.INT, 2) : noSwitch(Ty.INT, 2)) + ";";
                case 3 -> v.name + " ^= " + (v.ty == Ty.INT ? expr(Ty.INT, 2) : noSwitch(Ty.INT, 2)) + ";";
                default -> v.name + " = " + expr(v.ty, 2) + ";";
            };
            case DOUBLE, FLOAT -> r.nextBoolean() ? v.name + " += " + expr(Ty.DOUBLE, 2) + ";"
                    : v.name + " = " + expr(v.ty, 2) + ";";
            case STRING -> r.nextBoolean() ? v.name + " += " + shown(pick(DECL_TYPES), 2) + ";"
                    : v.name + " = " + expr(Ty.STRING, 2) + ";";
            case BOOLEAN -> r.nextBoolean() ? v.name + " " + pick(new String[] {"&=", "|=", "^="}) + " " + cond(2) + ";"
                    : v.name + " = " + cond(2) + ";";
            default -> v.name + " = " + expr(v.ty, 2) + ";";
        };
    }

    /** The unconditional end of an if-then block: return, throw, break or continue, after a trace line. */
    private String terminator() {
        String t = "t(\"x" + (sites++) + "\"); ";
        // choose the kind first: generating an expression has effects (mayThrow, names)
        String j = jumpText();
        for (;;) {
            switch (r.nextInt(7)) {
                case 0:
                    if (!inSwitchExpr) {
                        return t + "return result(" + expr(Ty.INT, 1) + ");";
                    }
                    break;
                case 1:
                    if (!inSwitchExpr && tryDepth == 0) {
                        return t + "return " + producer(Ty.INT, 1) + ";";
                    }
                    break;
                case 2:
                    return t + "throw new FuzzError(\"e" + (sites++) + "\");";
                case 3: case 4:
                    if (checked) {
                        mayThrow = true;
                        return t + "throw " + ctor("FuzzException", "\"k\" + " + expr(Ty.INT, 1)) + ";";
                    }
                    break;
                default:
                    if (j != null) {
                        return t + j;
                    }
                    break;
            }
        }
    }

    private String jumpText() {
        if (jumps.isEmpty()) {
            return null;
        }
        List<Jump> js = new ArrayList<>(jumps);
        Jump j = js.get(r.nextInt(js.size()));
        boolean innermostLoop = firstLoop() == j;
        if (j.loop && r.nextBoolean()) {
            if (j.label != null && (r.nextBoolean() || !innermostLoop)) {
                return "continue " + j.label + ";";
            }
            if (innermostLoop) {
                return "continue;";
            }
        }
        if (j == js.get(0) && j.unlabeledBreak && (j.label == null || r.nextBoolean())) {
            return "break;";
        }
        if (j.label != null) {
            return "break " + j.label + ";";
        }
        return js.get(0).unlabeledBreak ? "break;" : null;
    }

    private Jump firstLoop() {
        for (Jump j : jumps) {
            if (j.loop) {
                return j;
            }
        }
        return null;
    }

    private Stmt jump() {
        String j = jumpText();
        if (j == null) {
            return null;
        }
        return new Line("if (" + guard(2) + ") { t(\"j" + (sites++) + "\"); " + j + " }");
    }

    private Stmt ifStmt(int depth) {
        List<Seg> segs = new ArrayList<>();
        segs.add(new Seg("if (" + guard(2) + ") {", blockWithEnd(depth + 1, 3), false));
        int elses = r.nextInt(3);
        for (int i = 0; i < elses; i++) {
            if (i == elses - 1 && r.nextBoolean()) {
                segs.add(new Seg("} else {", block(depth + 1, 3), true));
            } else {
                segs.add(new Seg("} else if (" + guard(2) + ") {", block(depth + 1, 3), true));
            }
        }
        return new Compound(segs, "}");
    }

    /** A block that sometimes ends in an unconditional jump (only used where the construct still completes normally). */
    private Block blockWithEnd(int depth, int max) {
        Block b = block(depth, max);
        if (r.nextInt(4) == 0) {
            b.stmts.add(new Line(terminator()));
        }
        return b;
    }

    private String bound() {
        return switch (r.nextInt(5)) {
            case 0 -> Integer.toString(r.nextInt(0, 4));
            case 1 -> "(" + expr(Ty.INT, 1) + " & 3)";
            default -> Integer.toString(r.nextInt(1, 4));
        };
    }

    private String label() {
        return r.nextInt(3) == 0 ? "L" + (names++) : null;
    }

    private Stmt loop(int depth) {
        String label = label();
        String prefix = label == null ? "" : label + ": ";
        int kind = r.nextInt(3);
        Scope saved = scope;
        scope = new Scope(scope);
        String head;
        Block pre = null;
        if (kind == 0) {
            String i = fresh("i");
            head = prefix + "for (int " + i + " = 0; " + i + " < " + bound() + "; " + i + "++) {";
            scope.vars.add(new Var(i, Ty.INT, false, false));
        } else if (kind == 1) {
            String w = fresh("w");
            String b = bound();
            pre = new Block();
            pre.stmts.add(new Line("int " + w + " = 0;"));
            head = prefix + "while (" + w + " < " + b + ") {";
            scope.vars.add(new Var(w, Ty.INT, false, false));
            jumps.push(new Jump(label, true, true));
            Block body = block(depth + 1, 3);
            body.stmts.add(0, new Line(w + "++;"));
            if (r.nextInt(4) == 0) {
                body.stmts.add(new Line(terminator()));
            }
            jumps.pop();
            scope = saved;
            pre.stmts.add(new Compound(new ArrayList<>(List.of(new Seg(head, body, false))), "}"));
            return wrap(pre);
        } else {
            String x = fresh("x");
            String arr;
            Var a = var(Ty.ARR, false);
            if (a != null && r.nextBoolean()) {
                arr = a.name;
            } else {
                arr = arrayLiteral(1);
            }
            head = prefix + "for (int " + x + " : " + arr + ") {";
            scope.vars.add(new Var(x, Ty.INT, false, true));
        }
        jumps.push(new Jump(label, true, true));
        Block body = block(depth + 1, 4);
        if (r.nextInt(4) == 0) {
            body.stmts.add(new Line(terminator()));
        }
        jumps.pop();
        scope = saved;
        return new Compound(new ArrayList<>(List.of(new Seg(head, body, false))), "}");
    }

    private Stmt doWhile(int depth) {
        String label = label();
        String w = fresh("w");
        String b = bound();
        Block pre = new Block();
        pre.stmts.add(new Line("int " + w + " = 0;"));
        Scope saved = scope;
        scope = new Scope(scope);
        scope.vars.add(new Var(w, Ty.INT, false, false));
        jumps.push(new Jump(label, true, true));
        Block body = block(depth + 1, 3);
        body.stmts.add(0, new Line(w + "++;"));
        jumps.pop();
        scope = saved;
        pre.stmts.add(new Compound(new ArrayList<>(List.of(new Seg((label == null ? "" : label + ": ") + "do {", body, false))),
                "} while (" + w + " < " + b + ");"));
        return wrap(pre);
    }

    /** Several statements as one: a bare block {@code { ... }} (its locals stay inside). */
    private Stmt wrap(Block b) {
        return new Compound(new ArrayList<>(List.of(new Seg("{", b, false))), "}");
    }

    private Stmt labeledBlock(int depth) {
        String label = "L" + (names++);
        jumps.push(new Jump(label, false, false));
        Block body = block(depth + 1, 3);
        jumps.pop();
        return new Compound(new ArrayList<>(List.of(new Seg(label + ": {", body, false))), "}");
    }

    private Stmt switchStmt(int depth) {
        boolean strings = r.nextInt(3) == 0;
        boolean arrows = r.nextBoolean();
        String sel = strings ? expr(Ty.STRING, 2) : "(" + expr(Ty.INT, 2) + ") % 5";
        List<String> labels = caseLabels(strings);
        String label = r.nextInt(5) == 0 ? "L" + (names++) : null;
        jumps.push(new Jump(label, false, !arrows || true));
        List<Seg> segs = new ArrayList<>();
        String open = (label == null ? "" : label + ": ") + "switch (" + sel + ") {";
        int groups = r.nextInt(1, 4);
        List<String> groupLabels = new ArrayList<>();
        for (int g = 0; g < groups && !labels.isEmpty(); g++) {
            int take = Math.min(labels.size(), r.nextInt(1, 3));
            List<String> ls = new ArrayList<>(labels.subList(0, take));
            labels.subList(0, take).clear();
            groupLabels.add(arrows ? "case " + String.join(", ", ls) + " ->"
                    : "case " + String.join(": case ", ls) + ":");
        }
        if (r.nextInt(3) > 0) {
            groupLabels.add(arrows ? "default ->" : "default:");
        }
        String prevEnd = "";
        for (int g = 0; g < groupLabels.size(); g++) {
            Block body = block(depth + 1, 3);
            String head = (g == 0 ? open + " " : prevEnd) + groupLabels.get(g) + " {";
            segs.add(new Seg(head, body, g > 0));
            if (arrows) {
                prevEnd = "} ";
            } else {
                prevEnd = r.nextInt(3) > 0 ? "} break; " : "} ";
            }
        }
        jumps.pop();
        if (segs.isEmpty()) {
            return new Line(trace(expr(Ty.INT, 1)));
        }
        return new Compound(segs, "} }");
    }

    private List<String> caseLabels(boolean strings) {
        List<String> ls = new ArrayList<>();
        if (strings) {
            for (String s : new String[] {"a", "b", "ab", "", "xyz", "ba"}) {
                if (r.nextBoolean()) {
                    ls.add("\"" + s + "\"");
                }
            }
        } else {
            for (int i = -1; i < 5; i++) {
                if (r.nextInt(3) > 0) {
                    ls.add(Integer.toString(i));
                }
            }
        }
        return ls;
    }

    /** {@code T v = switch (...) { ... };} with blocks in the arms. */
    private Stmt switchExprDecl(int depth) {
        Ty t = r.nextBoolean() ? Ty.INT : Ty.STRING;
        String name = fresh("v");
        boolean assignable = r.nextBoolean();
        boolean strings = r.nextInt(3) == 0;
        String head = (assignable ? "" : "final ") + t.java + " " + name + " = " + switchHead(strings);
        boolean arrows = r.nextBoolean();
        List<String> labels = caseLabels(strings);
        List<Seg> segs = new ArrayList<>();
        SwitchExprState st = enterSwitchExpr();
        int groups = Math.min(labels.size(), r.nextInt(1, 3));
        for (int g = 0; g <= groups; g++) {
            String caseText;
            if (g == groups) {
                caseText = arrows ? "default -> {" : "default: {";
            } else {
                caseText = arrows ? "case " + labels.get(g) + " -> {" : "case " + labels.get(g) + ": {";
            }
            Block body = block(depth + 1, 2);
            if (r.nextInt(6) == 0) {
                body.stmts.add(new Line("if (" + guard(1) + ") { throw new FuzzError(\"sx" + (sites++) + "\"); }"));
            }
            body.stmts.add(new Line(yieldStmt(t, expr(t, 2))));
            segs.add(new Seg((g == 0 ? head + " " : "} ") + caseText, body, g > 0 && g < groups));
        }
        leaveSwitchExpr(st);
        scope.vars.add(new Var(name, t, assignable, !assignable));
        return new Compound(segs, "} };");
    }

    /** {@code yield e;}: javac reads {@code yield (...)} as a call of a method named yield. */
    private static String yieldStmt(Ty t, String e) {
        if (!e.startsWith("(")) {
            return "yield " + e + ";";
        }
        return t == Ty.STRING ? "yield \"\" + " + e + ";" : "yield 0 + " + e + ";";
    }

    private String switchHead(boolean strings) {
        return "switch (" + (strings ? expr(Ty.STRING, 2) : "(" + expr(Ty.INT, 2) + ") & 3") + ") {";
    }

    /**
     * An int operand that is converted (cast or widened): not a switch expression, which ECJ 3.42
     * cannot compile with -g:none when its value is converted ("Internal Error compiling" for
     * {@code (long) (switch (x) { case -1 -> v; default -> v; })} or {@code 1L + (switch ...)}).
     */
    private String noSwitch(Ty t, int d) {
        boolean saved = mayThrow;
        int constructors = awaitedConstructors;
        for (;;) {
            String e = expr(t, d);
            if (!e.startsWith("(switch")) {
                return e;
            }
            mayThrow = saved; // the discarded expression throws nothing
            awaitedConstructors = constructors;
        }
    }

    /** An expression of {@code t} as it may be printed: arrays through Arrays.toString. */
    private String shown(Ty t, int d) {
        return t == Ty.ARR ? "Arrays.toString(" + expr(t, d) + ")" : expr(t, d);
    }

    private record SwitchExprState(Deque<Jump> jumps, boolean inSwitchExpr) {
    }

    private SwitchExprState enterSwitchExpr() {
        SwitchExprState s = new SwitchExprState(jumps, inSwitchExpr);
        jumps = new ArrayDeque<>();
        inSwitchExpr = true;
        return s;
    }

    private void leaveSwitchExpr(SwitchExprState s) {
        jumps = s.jumps;
        inSwitchExpr = s.inSwitchExpr;
    }

    private Stmt tryStmt(int depth) {
        return tryWith(depth, null, List.of());
    }

    private Stmt twr(int depth) {
        // resources are initialized inside the try: their awaits and failures count as the try block's
        boolean outer = mayThrow;
        mayThrow = false;
        List<String> decls = new ArrayList<>();
        List<Var> resources = new ArrayList<>();
        int n = r.nextInt(1, 3);
        for (int i = 0; i < n; i++) {
            boolean async = r.nextBoolean();
            String cls = async ? "ARes" : "Res";
            String name = fresh("r");
            String make = ctor(cls, expr(Ty.INT, 2) + ", " + (r.nextInt(4) == 0 ? cond(1) : "false"));
            boolean nullable = r.nextInt(5) == 0;
            if (nullable) {
                make = cond(1) + " ? " + make + " : null";
            }
            decls.add(cls + " " + name + " = " + make);
            if (!nullable) {
                resources.add(new Var(name, Ty.OBJECT, false, false));
            }
        }
        boolean resourcesThrow = mayThrow;
        mayThrow = outer;
        return tryWith(depth, "try (" + String.join("; ", decls) + ") {", resources, resourcesThrow);
    }

    private Stmt tryWith(int depth, String resourceHead, List<Var> resources) {
        return tryWith(depth, resourceHead, resources, false);
    }

    private Stmt tryWith(int depth, String resourceHead, List<Var> resources, boolean resourcesThrow) {
        boolean outer = mayThrow;
        mayThrow = false;
        tryDepth++;
        Block body = block(depth + 1, 4);
        for (Var res : resources) {
            if (r.nextBoolean()) {
                body.stmts.add(0, new Line("t(\"in \" + " + res.name + ".id);"));
            }
        }
        boolean bodyThrows = mayThrow || resourcesThrow;
        List<Seg> segs = new ArrayList<>();
        segs.add(new Seg(resourceHead != null ? resourceHead : "try {", body, false));
        boolean propagates = bodyThrows;
        boolean fromHandlers = false;
        // catch clauses, most specific first: FuzzException (or FuzzException | ArithmeticException),
        // FuzzError or ArithmeticException, RuntimeException, Exception
        boolean caughtArith = false;
        if (bodyThrows && r.nextInt(3) > 0) {
            boolean multi = r.nextInt(3) == 0;
            caughtArith = multi;
            fromHandlers |= handler(segs, depth, multi ? "FuzzException | ArithmeticException" : "FuzzException", true);
            propagates = false;
        }
        if (r.nextInt(3) == 0) {
            String type = caughtArith || r.nextBoolean() ? "FuzzError" : "ArithmeticException";
            fromHandlers |= handler(segs, depth, type, false);
        }
        if (r.nextInt(4) == 0) {
            fromHandlers |= handler(segs, depth, "RuntimeException", false);
        }
        if (r.nextInt(4) == 0) {
            fromHandlers |= handler(segs, depth, "Exception", propagates && checked);
            propagates = false;
        }
        boolean hasFinally = segs.size() == 1 && resourceHead == null || r.nextInt(3) == 0;
        tryDepth--;
        boolean finallyThrows = false;
        if (hasFinally) {
            mayThrow = false;
            inFinally++;
            Block fin = block(depth + 1, 3);
            inFinally--;
            fin.stmts.add(0, new Line("t(\"f" + (sites++) + "\");"));
            finallyThrows = mayThrow;
            segs.add(new Seg("} finally {", fin, segs.size() > 1 || resourceHead != null));
        }
        mayThrow = outer || propagates || fromHandlers || finallyThrows;
        return new Compound(segs, "}");
    }

    /** Adds a catch clause; returns whether a FuzzException can leave it. */
    private boolean handler(List<Seg> segs, int depth, String type, boolean rethrowsChecked) {
        String e = fresh("e");
        Scope saved = scope;
        scope = new Scope(scope);
        mayThrow = false;
        Block b = block(depth + 1, 2);
        scope = saved;
        b.stmts.add(0, new Line("t(\"c" + (sites++) + " \" + ex(" + e + "));"));
        boolean rethrowable = rethrowsChecked ? checked : !type.contains("FuzzException");
        if (rethrowable && r.nextInt(3) == 0) {
            b.stmts.add(new Line("if (" + guard(1) + ") { throw " + e + "; }"));
            if (rethrowsChecked) {
                mayThrow = true;
            }
        }
        segs.add(new Seg("} catch (" + type + " " + e + ") {", b, true));
        return mayThrow;
    }

    private Stmt lambda(int depth) {
        boolean supplier = !checked || r.nextInt(3) == 0;
        String name = fresh("f");
        // the lambda body is a new context: only never-assigned locals are visible
        Scope savedScope = scope;
        Deque<Jump> savedJumps = jumps;
        boolean savedChecked = checked;
        boolean savedSwitch = inSwitchExpr;
        int savedTry = tryDepth;
        boolean savedThrow = mayThrow;
        Scope captured = new Scope(null);
        for (Scope s = scope; s != null; s = s.parent) {
            for (Var v : s.vars) {
                if (v.capturable) {
                    captured.vars.add(new Var(v.name, v.ty, false, true));
                }
            }
        }
        scope = new Scope(captured);
        jumps = new ArrayDeque<>();
        checked = !supplier;
        inSwitchExpr = false;
        tryDepth = 0;
        lambdaDepth++;
        String head;
        if (supplier) {
            head = "final Supplier<Coroutine<Integer>> " + name + " = () -> {";
        } else {
            String x = fresh("x");
            scope.vars.add(new Var(x, Ty.INT, false, true));
            head = "final IntFn " + name + " = (int " + x + ") -> {";
        }
        Block body = block(depth + 1, 3);
        body.stmts.add(0, new Line("t(\"lambda " + name + "\");"));
        body.stmts.add(new Line(finalReturn()));
        lambdaDepth--;
        scope = savedScope;
        jumps = savedJumps;
        checked = savedChecked;
        inSwitchExpr = savedSwitch;
        tryDepth = savedTry;
        mayThrow = savedThrow;
        scope.vars.add(new Var(name, supplier ? Ty.SUP : Ty.FN, false, true));
        return new Compound(new ArrayList<>(List.of(new Seg(head, body, false))), "};");
    }

    // ---------------------------------------------------------------- expressions

    /**
     * The condition of an if statement: never a constant expression, whose dead branch ECJ 3.42
     * fails to compile in some shapes ("Internal Error compiling" for {@code if ('a' > 'c') throw
     * ...; yield (switch ...) + ...;} in a switch-expression arm). {@code yes} is a static field
     * that is always true.
     */
    private String guard(int d) {
        String c = cond(d);
        String rest = c.replaceAll("\"[^\"]*\"|'.'|Integer\\.MAX_VALUE|Long\\.MIN_VALUE|Double\\.NaN"
                + "|\\b(true|false|short|byte|char|long|int|double|float)\\b|\\d+[Lf]?", "");
        return rest.matches(".*[A-Za-z_].*") ? c : "yes && " + c;
    }

    private String cond(int d) {
        int k = r.nextInt(d <= 0 ? 4 : 16);
        switch (k) {
            case 0: {
                Var v = var(Ty.BOOLEAN, false);
                if (v != null) {
                    return v.name;
                }
                return r.nextBoolean() ? "true" : "false";
            }
            case 1:
                return "(" + expr(Ty.INT, d - 1) + " < " + expr(Ty.INT, d - 1) + ")";
            case 2:
                return "((" + expr(Ty.INT, d - 1) + " & 1) == 0)";
            case 3:
                return "(" + expr(Ty.INT, d - 1) + " >= " + r.nextInt(-2, 6) + ")";
            case 4:
                return "!" + cond(d - 1);
            case 5:
                return "(" + cond(d - 1) + " && " + cond(d - 1) + ")";
            case 6:
                return "(" + cond(d - 1) + " || " + cond(d - 1) + ")";
            case 7:
                return "(" + expr(Ty.LONG, d - 1) + " > " + expr(Ty.LONG, d - 1) + ")";
            case 8:
                return "(" + expr(Ty.DOUBLE, d - 1) + " <= " + expr(Ty.DOUBLE, d - 1) + ")";
            case 9:
                return expr(Ty.STRING, d - 1) + ".isEmpty()";
            case 10:
                return expr(Ty.STRING, d - 1) + ".equals(" + expr(Ty.STRING, d - 1) + ")";
            case 11:
                return awaitOf(Ty.BOOLEAN, d - 1);
            case 12: {
                Var v = var(Ty.OBJECT, false);
                if (v != null) {
                    return "(" + v.name + " == null)";
                }
                return "(" + cond(d - 1) + " ^ " + cond(d - 1) + ")";
            }
            case 13:
                return "(" + expr(Ty.CHAR, d - 1) + " > 'c')";
            default:
                return "(" + expr(Ty.INT, d - 1) + " > " + expr(Ty.INT, d - 1) + ")";
        }
    }

    private String expr(Ty t, int d) {
        if (d <= 0 || r.nextInt(10) < 2) {
            return leaf(t);
        }
        int k = r.nextInt(100);
        if (k < 22) {
            return awaitOf(t, d - 1);
        }
        if (k < 27) {
            return "(" + cond(d - 1) + " ? " + expr(t, d - 1) + " : " + expr(t, d - 1) + ")";
        }
        if (k < 31 && (t == Ty.INT || t == Ty.STRING)) {
            return inlineSwitch(t, d - 1);
        }
        return switch (t) {
            case INT -> intExpr(d);
            case LONG -> switch (r.nextInt(4)) {
                case 0 -> "(" + expr(Ty.LONG, d - 1) + " * 31L + " + noSwitch(Ty.INT, d - 1) + ")";
                case 1 -> "((long) " + noSwitch(Ty.INT, d - 1) + " << " + r.nextInt(0, 40) + ")";
                case 2 -> "(" + expr(Ty.LONG, d - 1) + " - " + expr(Ty.LONG, d - 1) + ")";
                default -> "(" + expr(Ty.LONG, d - 1) + " ^ " + noSwitch(Ty.INT, d - 1) + ")";
            };
            case DOUBLE -> switch (r.nextInt(4)) {
                case 0 -> "(" + expr(Ty.DOUBLE, d - 1) + " * 0.5 + " + noSwitch(Ty.INT, d - 1) + ")";
                case 1 -> "((double) " + expr(Ty.LONG, d - 1) + " / 3)";
                case 2 -> "(" + expr(Ty.DOUBLE, d - 1) + " - " + expr(Ty.FLOAT, d - 1) + ")";
                default -> "Math.abs(" + expr(Ty.DOUBLE, d - 1) + ")";
            };
            case FLOAT -> r.nextBoolean() ? "(" + expr(Ty.FLOAT, d - 1) + " + " + noSwitch(Ty.INT, d - 1) + ")"
                    : "(float) (" + expr(Ty.DOUBLE, d - 1) + " + 0.0)";
            case SHORT -> "(short) (" + expr(Ty.INT, d - 1) + " + 0)";
            case BYTE -> "(byte) (" + expr(Ty.INT, d - 1) + " + 0)";
            case CHAR -> "(char) ('a' + (" + expr(Ty.INT, d - 1) + " & 15))";
            case BOOLEAN -> cond(d);
            case STRING -> switch (r.nextInt(6)) {
                case 0, 1 -> "(" + expr(Ty.STRING, d - 1) + " + " + shown(pick(DECL_TYPES), d - 1) + ")";
                case 2 -> "(\"" + pick(STRINGS) + "\" + " + shown(pick(DECL_TYPES), d - 1) + " + "
                        + shown(pick(DECL_TYPES), d - 1) + ")";
                case 3 -> "String.valueOf((char) (" + expr(Ty.CHAR, d - 1) + "))";
                case 4 -> "cat(" + expr(Ty.STRING, d - 1) + ", " + expr(Ty.INT, d - 1) + ", " + expr(Ty.CHAR, d - 1) + ")";
                default -> expr(Ty.BOX, d - 1) + ".b";
            };
            case BOX -> ctor("Box", expr(Ty.INT, d - 1) + ", " + expr(Ty.STRING, d - 1));
            case ARR -> arrayLiteral(d - 1);
            case OBJECT -> switch (r.nextInt(3)) {
                case 0 -> "(Object) " + noSwitch(Ty.BOX, d - 1);
                case 1 -> "(Object) " + noSwitch(Ty.STRING, d - 1);
                default -> "(Object) " + noSwitch(Ty.INT, d - 1);
            };
            default -> throw new IllegalStateException(t.toString());
        };
    }

    private String intExpr(int d) {
        int k = r.nextInt(20);
        switch (k) {
            case 0: case 1: case 2:
                return "(" + expr(Ty.INT, d - 1) + " " + pick(new String[] {"+", "-", "*", "^", "&", "|"}) + " "
                        + expr(Ty.INT, d - 1) + ")";
            case 3:
                return "(" + expr(Ty.INT, d - 1) + " " + pick(new String[] {"/", "%"}) + " " + r.nextInt(1, 8) + ")";
            case 4:
                if (r.nextInt(4) == 0) {
                    return "(" + expr(Ty.INT, d - 1) + " / (" + expr(Ty.INT, d - 1) + " & 3))";
                }
                return "Math.max(" + expr(Ty.INT, d - 1) + ", " + expr(Ty.INT, d - 1) + ")";
            case 5:
                return "mix(" + expr(Ty.INT, d - 1) + ", " + expr(Ty.LONG, d - 1) + ", " + expr(Ty.STRING, d - 1) + ", "
                        + expr(Ty.DOUBLE, d - 1) + ", " + cond(d - 1) + ")";
            case 6:
                return "(int) (" + expr(Ty.LONG, d - 1) + " + 0L)";
            case 7:
                return "(int) (" + expr(Ty.DOUBLE, d - 1) + " + 0.0)";
            case 8:
                return "(" + expr(pick(new Ty[] {Ty.CHAR, Ty.SHORT, Ty.BYTE}), d - 1) + " + 0)";
            case 9:
                return expr(Ty.STRING, d - 1) + ".length()";
            case 10:
                return expr(Ty.BOX, d - 1) + ".a";
            case 11: {
                Var a = var(Ty.ARR, false);
                if (a != null) {
                    return r.nextInt(4) == 0 ? a.name + ".length" : a.name + "[" + index(a) + "]";
                }
                return "sf";
            }
            case 12:
                return instance ? "fld" : "INST.fld";
            case 13: {
                Var v = var(Ty.INT, true);
                if (v != null) {
                    return r.nextBoolean() ? "(" + v.name + " = " + expr(Ty.INT, d - 1) + ")" : v.name + "++";
                }
                return "sf++";
            }
            case 14:
                if (r.nextInt(3) == 0) {
                    // a class whose static initializer traces: JLS 15.9.4 initializes it before the arguments
                    return ctor("Init" + r.nextInt(3), expr(Ty.INT, d - 1)) + ".v";
                }
                return ctor("Box", expr(Ty.INT, d - 1) + ", " + expr(Ty.STRING, d - 1)) + ".twice("
                        + expr(Ty.INT, d - 1) + ")";
            default:
                return "(" + expr(Ty.INT, d - 1) + " + " + expr(Ty.INT, d - 1) + ")";
        }
    }

    private String index(Var arr) {
        return "(" + expr(Ty.INT, 1) + " & 7) % " + arr.name + ".length";
    }

    private String arrayLiteral(int d) {
        int n = r.nextInt(1, 4);
        StringBuilder sb = new StringBuilder("new int[] {");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ", ").append(expr(Ty.INT, d));
        }
        return sb.append('}').toString();
    }

    /** {@code (switch (sel) { case .. -> e; ... default -> e; })} inside an expression, blocks on one line. */
    private String inlineSwitch(Ty t, int d) {
        boolean strings = r.nextInt(3) == 0;
        String head = switchHead(strings);
        List<String> labels = caseLabels(strings);
        SwitchExprState st = enterSwitchExpr();
        StringBuilder sb = new StringBuilder("(").append(head);
        int groups = Math.min(labels.size(), r.nextInt(1, 3));
        for (int g = 0; g <= groups; g++) {
            sb.append(g == groups ? " default -> " : " case " + labels.get(g) + " -> ");
            if (budget > 0 && r.nextInt(3) == 0 && d > 0) {
                budget--;
                // no try statement here: javac 17 crashes (NPE in Gen.doHandleSwitchExpression) on a
                // switch expression with a try inside when the operand stack holds a null literal
                boolean savedNoTry = noTry;
                noTry = true;
                Block b = block(2, 2);
                noTry = savedNoTry;
                b.stmts.add(new Line(yieldStmt(t, expr(t, d))));
                sb.append("{ ").append(Src.inline(b)).append(" }");
            } else {
                sb.append(expr(t, d)).append(';');
            }
        }
        leaveSwitchExpr(st);
        return sb.append(" })").toString();
    }

    private String leaf(Ty t) {
        Var v = var(t, false);
        if (v != null && r.nextInt(3) > 0) {
            return v.name;
        }
        return switch (t) {
            case INT -> switch (r.nextInt(12)) {
                case 0 -> "Integer.MAX_VALUE";
                case 1 -> "(-" + r.nextInt(1, 100) + ")";
                default -> Integer.toString(r.nextInt(0, 20));
            };
            case LONG -> r.nextInt(8) == 0 ? "Long.MIN_VALUE" : "(" + r.nextInt(-5, 50) + "L)";
            case DOUBLE -> switch (r.nextInt(8)) {
                case 0 -> "Double.NaN";
                case 1 -> "(-0.0)";
                default -> "(" + r.nextInt(-5, 50) + ".25)";
            };
            case FLOAT -> r.nextInt(0, 30) + ".5f";
            case SHORT -> "(short) (" + r.nextInt(-300, 300) + ")";
            case BYTE -> "(byte) (" + r.nextInt(-128, 128) + ")";
            case CHAR -> "'" + (char) ('a' + r.nextInt(0, 26)) + "'";
            case BOOLEAN -> r.nextBoolean() ? "true" : "false";
            case STRING -> "\"" + pick(STRINGS) + "\"";
            case BOX -> "new Box(" + r.nextInt(0, 9) + ", \"" + pick(STRINGS) + "\")";
            case ARR -> "new int[] {" + r.nextInt(0, 9) + ", " + r.nextInt(0, 9) + "}";
            case OBJECT -> r.nextBoolean() ? "null" : "\"" + pick(STRINGS) + "\"";
            default -> throw new IllegalStateException(t.toString());
        };
    }

    private Ty pickAwaitType() {
        return r.nextInt(3) > 0 ? Ty.INT : pick(DECL_TYPES);
    }

    private String awaitOf(Ty t, int d) {
        return "await(" + producer(t, d) + ")";
    }

    /** An awaitable of {@code t}: done, done after k turns, failed, another method, a lambda, a Box method. */
    private String producer(Ty t, int d) {
        int k = r.nextInt(0, 4);
        for (;;) {
            int c = r.nextInt(100);
            if (c < 18) {
                return "result(" + expr(t, d) + ")";
            } else if (c < 40 && t == Ty.INT) {
                return "slow(" + expr(t, d) + ", " + k + ")";
            } else if (c < 58) {
                return "slowT(" + typed(t, expr(t, d)) + ", " + k + ")";
            } else if (c < 68 && checked) {
                mayThrow = true;
                return t == Ty.INT ? "fail(" + expr(t, d) + ", " + k + ")" : "failT(" + typed(t, expr(t, d)) + ", " + k + ")";
            } else if (c < 84 && t == Ty.INT && checked) {
                String call = call(d);
                if (call != null) {
                    mayThrow = true;
                    return call;
                }
            } else if (c < 90 && t == Ty.INT) {
                Var f = var(checked && r.nextBoolean() ? Ty.FN : Ty.SUP, false);
                if (f != null) {
                    if (f.ty == Ty.FN) {
                        mayThrow = true;
                        return f.name + ".call(" + expr(Ty.INT, d) + ")";
                    }
                    return f.name + ".get()";
                }
            } else if (c < 95 && t == Ty.INT) {
                Var b = var(Ty.BOX, false);
                if (b != null) {
                    return b.name + ".bump(" + r.nextInt(0, 3) + ")";
                }
            } else if (c < 97 && t == Ty.INT) {
                return "FETCH.fetch(" + expr(Ty.INT, d) + ")"; // through the bridge of a generic interface
            } else if (c >= 95) {
                return "slowT(" + typed(t, expr(t, d)) + ", " + k + ")";
            }
        }
    }

    /** The argument of slowT/failT: a cast where the value's type could otherwise be inferred wider. */
    private String typed(Ty t, String e) {
        return switch (t) {
            case OBJECT -> "(Object) (" + e + ")";
            case SHORT -> "(short) (" + e + ")";
            case BYTE -> "(byte) (" + e + ")";
            default -> e;
        };
    }

    /** A call of another generated method (a larger index), or of this one while d > 0. */
    private String call(int d) {
        List<Sig> callees = new ArrayList<>();
        for (Sig s : sigs) {
            if (s.index > methodIndex) {
                callees.add(s);
            }
        }
        if (methodIndex >= 0 && r.nextInt(4) == 0 && hasD()) {
            // the recursion is bounded by d
            return selfCall(sigs.get(methodIndex), d);
        }
        if (callees.isEmpty()) {
            return null;
        }
        Sig s = callees.get(r.nextInt(callees.size()));
        return invoke(s, methodIndex < 0 ? Integer.toString(r.nextInt(0, 3)) : (hasD() ? "d" : "1"), d);
    }

    private boolean hasD() {
        Var v = find("d");
        return v != null && v.ty == Ty.INT;
    }

    private String selfCall(Sig s, int d) {
        // result(e) when d == 0 keeps the expression an awaitable of Integer
        return "(d > 0 ? " + invoke(s, "d - 1", d) + " : result(" + expr(Ty.INT, 0) + "))";
    }

    private String invoke(Sig s, String dArg, int d) {
        StringBuilder sb = new StringBuilder();
        if (!s.isStatic) {
            sb.append(instance ? "this." : "INST.");
        }
        sb.append(s.name).append('(').append(dArg);
        for (Ty p : s.params) {
            sb.append(", ").append(expr(p, d));
        }
        return sb.append(')').toString();
    }

    /**
     * {@code new cls(args)}; counts the constructor calls whose arguments await, per method or
     * lambda body, and records the fact "multi-new" when one body has two (see {@link KnownBugs}).
     */
    /**
     * Records the fact "multi-new" when a method (lambdas included) has a constructor call whose
     * arguments await and at least one more constructor call in its bytecode (a call in a finally
     * block is compiled twice).
     */
    private void noteConstructors(Block body) {
        String text = Src.inline(body);
        int news = text.split("new ", -1).length - 1 - (text.split("new int\\[", -1).length - 1);
        if (awaitedConstructors >= 2 || awaitedConstructors == 1 && news >= 2) {
            facts.add(KnownBugs.MULTI_NEW);
        }
    }

    private String ctor(String cls, String args) {
        if (args.contains("await(")) {
            awaitedConstructors += inFinally > 0 ? 2 : 1;
        }
        return "new " + cls + "(" + args + ")";
    }

    // ---------------------------------------------------------------- scopes

    private String fresh(String prefix) {
        return prefix + (names++);
    }

    private Var find(String name) {
        for (Scope s = scope; s != null; s = s.parent) {
            for (Var v : s.vars) {
                if (v.name.equals(name)) {
                    return v;
                }
            }
        }
        return null;
    }

    private List<Var> vars(Ty t, boolean assignableOnly) {
        List<Var> out = new ArrayList<>();
        for (Scope s = scope; s != null; s = s.parent) {
            for (Var v : s.vars) {
                if ((t == null ? v.ty != Ty.FN && v.ty != Ty.SUP : v.ty == t) && (!assignableOnly || v.assignable)) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    private Var var(Ty t, boolean assignableOnly) {
        List<Var> vs = vars(t, assignableOnly);
        return vs.isEmpty() ? null : vs.get(r.nextInt(vs.size()));
    }

    private <T> T pick(T[] options) {
        return options[r.nextInt(options.length)];
    }
}
