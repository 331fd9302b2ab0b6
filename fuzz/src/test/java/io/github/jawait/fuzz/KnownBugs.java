package io.github.jawait.fuzz;

import io.github.jawait.fuzz.Harness.Outcome;
import io.github.jawait.fuzz.Harness.Status;
import io.github.jawait.fuzz.Src.Program;
import java.util.List;
import java.util.Set;

/**
 * Transformer bugs the fuzzer found that are not fixed yet. Each has a disabled regression test
 * in {@link RegressionTest}; a failing random program is attributed to one of them only when
 * both what the generator knows about the program and the failure's text say so. The default run
 * counts these programs and reports them instead of failing; {@code -Dfuzz.strict=true} fails on
 * them too. When a bug is fixed, delete its entry here and enable its regression test.
 */
final class KnownBugs {
    private KnownBugs() {
    }

    /** Generator fact: one method or lambda body has two constructor calls whose arguments await. */
    static final String MULTI_NEW = "multi-new";

    record Bug(String name, String regressionTest, String description) {
    }

    static final Bug TWO_AWAITED_CONSTRUCTORS = new Bug("two-awaited-constructors",
            "RegressionTest.twoConstructorCallsWithAwaitedArguments",
            "ConstructorCallMover moves the second `new` of a method with frames made stale by the first move:"
                    + " ArrayIndexOutOfBoundsException, a refusal, or code that fails verification");
    static final Bug ECJ_DISCARDED_NEW = new Bug("ecj-discarded-new",
            "RegressionTest.ecjConstructorCallWhoseValueIsDiscarded",
            "ECJ compiles `new Box(await(x), s)` whose value is unused as new (no dup) ... invokespecial;"
                    + " the agent refuses it (\"shape other than new/dup\")");

    static final List<Bug> ALL = List.of(TWO_AWAITED_CONSTRUCTORS, ECJ_DISCARDED_NEW);

    /** The known bug {@code o} is an instance of, or null. */
    static Bug attribute(Program p, Variant v, Outcome o) {
        Set<String> facts = p.facts;
        String detail = o.detail();
        if (o.status() == Status.REFUSED && v.compiler == Compilers.Kind.ECJ
                && onlyRefusals(detail, "compiled in a shape other than new/dup")) {
            return ECJ_DISCARDED_NEW;
        }
        if (facts.contains(MULTI_NEW)) {
            boolean mover = switch (o.status()) {
                case REWRITE_CRASH -> detail.contains("ConstructorCallMover");
                case REFUSED -> onlyRefusals(detail, "cannot find the constructor call of",
                        "an object under construction", "Cannot pop operand off an empty stack", "Incompatible stack heights",
                        "compiled in a shape other than new/dup");
                case VERIFY_FAILED -> true;
                default -> false;
            };
            if (mover) {
                return TWO_AWAITED_CONSTRUCTORS;
            }
        }
        return null;
    }

    /** Whether every refused method was refused for one of {@code reasons}. */
    private static boolean onlyRefusals(String detail, String... reasons) {
        for (String line : detail.split("\n")) {
            boolean known = false;
            for (String r : reasons) {
                known |= line.contains(r);
            }
            if (!known) {
                return false;
            }
        }
        return true;
    }
}
