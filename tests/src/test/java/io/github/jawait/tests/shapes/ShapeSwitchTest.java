package io.github.jawait.tests.shapes;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.tests.shapes.Aw.failChecked;
import static io.github.jawait.tests.shapes.Aw.later;
import static io.github.jawait.tests.shapes.Aw.now;
import static io.github.jawait.tests.shapes.Aw.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.jawait.Async;
import io.github.jawait.Coroutine;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Switch statements and switch expressions on int, String and enum, awaiting in selector and arms. */
class ShapeSwitchTest {
    final List<String> events = new ArrayList<>();

    enum Color { RED, GREEN, BLUE }

    @Async
    Coroutine<String> intStatement(int x) {
        String s = "none";
        switch (await(later(x))) {
            case 1:
                s = await(later("one"));
                break;
            case 2:
                events.add("two-fallthrough");
                // fall through
            case 3:
                s = "two-or-three:" + await(now(x));
                break;
            case 1000:
                s = await(later("sparse"));
                break;
            default:
                s = "default " + await(later(x * 2));
        }
        events.add(s);
        return result(s);
    }

    @Test
    void intSwitchStatementDenseSparseFallthroughDefault() {
        assertEquals("one", run(intStatement(1)));
        assertEquals("two-or-three:2", run(intStatement(2)));
        assertEquals("two-or-three:3", run(intStatement(3)));
        assertEquals("sparse", run(intStatement(1000)));
        assertEquals("default 14", run(intStatement(7)));
        assertEquals(List.of("one", "two-fallthrough", "two-or-three:2", "two-or-three:3", "sparse", "default 14"), events);
    }

    @Async
    Coroutine<Integer> stringStatement(String key) {
        int v;
        switch (await(later(key))) {
            case "a":
                v = await(later(1));
                break;
            case "Aa": // same hashCode as "BB"
                v = await(now(2));
                break;
            case "BB":
                v = await(later(3));
                break;
            default:
                v = -1;
        }
        return result(v);
    }

    @Test
    void stringSwitchStatementIncludingHashCollision() {
        assertEquals(1, run(stringStatement("a")));
        assertEquals(2, run(stringStatement("Aa")));
        assertEquals(3, run(stringStatement("BB")));
        assertEquals(-1, run(stringStatement("zz")));
    }

    @Async
    Coroutine<String> enumStatement(Color c) {
        StringBuilder sb = new StringBuilder();
        switch (await(later(c))) {
            case RED:
                sb.append(await(later("r")));
                // fall through
            case GREEN:
                sb.append(await(now("g")));
                break;
            default:
                sb.append("other:").append(await(later(c.name())));
        }
        return result(sb.toString());
    }

    @Test
    void enumSwitchStatement() {
        assertEquals("rg", run(enumStatement(Color.RED)));
        assertEquals("g", run(enumStatement(Color.GREEN)));
        assertEquals("other:BLUE", run(enumStatement(Color.BLUE)));
    }

    @Async
    Coroutine<String> expressions(int i, String s, Color c) {
        int a = switch (await(now(i))) {
            case 0 -> await(later(100));
            case 1, 2 -> {
                int t = await(later(i * 10));
                events.add("block " + t);
                yield t + 1;
            }
            default -> -1;
        };
        long b = 7L + switch (await(later(s))) {
            case "x" -> await(later(1L << 33));
            case "y" -> 2L;
            default -> await(now((long) s.length()));
        };
        String d = "[" + switch (c) {
            case RED -> await(later("R"));
            case GREEN -> "G" + await(later(a));
            case BLUE -> {
                String t = await(now("B"));
                yield t + t;
            }
        } + "]";
        double e = 0.5 * switch (await(later(c))) {
            case RED -> await(later(2.0));
            default -> 4.0;
        };
        return result(a + " " + b + " " + d + " " + e);
    }

    @Test
    void switchExpressionsWithValuesOnTheStack() {
        assertEquals("100 8589934599 [R] 1.0", run(expressions(0, "x", Color.RED)));
        assertEquals("21 9 [G21] 2.0", run(expressions(2, "y", Color.GREEN)));
        assertEquals("-1 12 [BB] 2.0", run(expressions(9, "hello", Color.BLUE)));
        assertEquals(List.of("block 20"), events);
    }

    @Async
    Coroutine<String> switchExpressionWithTry(int i) {
        // javac spills the operand stack before a switch expression that contains a try
        String s = "v=" + switch (i) {
            case 0 -> {
                try {
                    yield await(failChecked("bad " + i));
                } catch (MyCheckedException e) {
                    events.add("caught " + e.getMessage());
                    yield await(later("recovered"));
                }
            }
            default -> {
                try {
                    yield await(later("fine"));
                } finally {
                    events.add("finally " + i);
                }
            }
        } + "/" + await(later(TimeUnit.SECONDS)).toMillis(1);
        return result(s);
    }

    @Test
    void switchExpressionArmsWithTryCatch() {
        assertEquals("v=recovered/1000", run(switchExpressionWithTry(0)));
        assertEquals("v=fine/1000", run(switchExpressionWithTry(1)));
        assertEquals(List.of("caught bad 0", "finally 1"), events);
    }
}
