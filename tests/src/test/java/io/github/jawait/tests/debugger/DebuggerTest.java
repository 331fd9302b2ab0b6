package io.github.jawait.tests.debugger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jdi.AbsentInformationException;
import com.sun.jdi.Bootstrap;
import com.sun.jdi.IncompatibleThreadStateException;
import com.sun.jdi.LocalVariable;
import com.sun.jdi.Location;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.StackFrame;
import com.sun.jdi.VMDisconnectedException;
import com.sun.jdi.VirtualMachine;
import com.sun.jdi.connect.AttachingConnector;
import com.sun.jdi.connect.Connector;
import com.sun.jdi.event.BreakpointEvent;
import com.sun.jdi.event.ClassPrepareEvent;
import com.sun.jdi.event.Event;
import com.sun.jdi.event.EventSet;
import com.sun.jdi.event.LocatableEvent;
import com.sun.jdi.event.StepEvent;
import com.sun.jdi.request.ClassPrepareRequest;
import com.sun.jdi.request.EventRequestManager;
import com.sun.jdi.request.StepRequest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Debugger fidelity, through JDI as an IDE uses it: {@link DebuggeeProgram} runs in a child JVM
 * with the agent and JDWP on a loopback port; the test attaches, sets a breakpoint on a line
 * after an await that suspends, and reads the locals; then steps over the second await.
 */
class DebuggerTest {
    private static final String PROGRAM = DebuggeeProgram.class.getName();
    private static final int BREAKPOINT_LINE = 20;
    private static final int AWAIT_LINE = 22;
    private static final int LANDING_LINE = 23;
    /** add's first line, before its first await: in the direct variant when add is awaited directly. */
    private static final int FIRST_LINE = 18;

    /** What the debugger saw: each stop as {@code method:line {locals}}. */
    private final List<String> stops = new ArrayList<>();

    private static String agentArgument() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-javaagent:")).findFirst()
                .orElseThrow(() -> new IllegalStateException("the tests run with -javaagent: the child JVM needs it too"));
    }

    private static String describe(LocatableEvent e) throws IncompatibleThreadStateException {
        StackFrame f = e.thread().frame(0);
        Map<String, String> locals = new LinkedHashMap<>();
        try {
            for (LocalVariable v : f.visibleVariables()) {
                locals.put(v.name(), String.valueOf(f.getValue(v)));
            }
        } catch (AbsentInformationException none) {
            locals.put("?", "no local variable table");
        }
        Location l = e.location();
        // the direct variant has the resume method's name: tell it by its descriptor
        String variant = l.method().signature().endsWith(")Ljava/lang/Object;") ? "(direct)" : "";
        return l.method().name() + variant + ":" + l.lineNumber() + " " + locals;
    }

    /**
     * Runs the program under the debugger: stops at the breakpoint, then steps with
     * {@code depth} and the step filter on the program's class until {@code LANDING_LINE} or
     * the program's end, recording every stop.
     */
    private void debug(int depth) throws Exception {
        // add's lines are in add$resume and in its direct variant (awaitsAdd awaits it directly)
        debug(depth, BREAKPOINT_LINE, 2, false);
    }

    /**
     * As {@link #debug(int)} with the breakpoint on {@code line}, expecting it in {@code methods}
     * methods; {@code direct}: the program runs awaitsAdd, which awaits add directly.
     */
    private void debug(int depth, int line, int methods, boolean direct) throws Exception {
        List<String> command = new ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java",
                "-agentlib:jdwp=transport=dt_socket,server=y,suspend=y,address=127.0.0.1:0",
                agentArgument(), "-cp", System.getProperty("java.class.path"), PROGRAM));
        if (direct) {
            command.add("direct");
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        VirtualMachine vm = null;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String listening = out.readLine(); // "Listening for transport dt_socket at address: 40967"
            assertTrue(listening != null && listening.startsWith("Listening for transport dt_socket"), listening);
            AttachingConnector socket = Bootstrap.virtualMachineManager().attachingConnectors().stream()
                    .filter(c -> c.name().equals("com.sun.jdi.SocketAttach")).findFirst().orElseThrow();
            Map<String, Connector.Argument> args = socket.defaultArguments();
            args.get("hostname").setValue("127.0.0.1");
            args.get("port").setValue(listening.substring(listening.lastIndexOf(':') + 1).trim());
            args.get("timeout").setValue("20000");
            vm = socket.attach(args);
            EventRequestManager requests = vm.eventRequestManager();
            ClassPrepareRequest prepare = requests.createClassPrepareRequest();
            prepare.addClassFilter(PROGRAM);
            prepare.enable();
            vm.resume();
            boolean running = true;
            while (running) {
                EventSet set = vm.eventQueue().remove(20_000);
                if (set == null) {
                    throw new AssertionError("no debugger event within 20 s; stops so far: " + stops);
                }
                for (Event e : set) {
                    if (e instanceof ClassPrepareEvent prepared) {
                        ReferenceType type = prepared.referenceType();
                        List<Location> at = type.locationsOfLine(line);
                        assertEquals(methods, at.size(), at.toString());
                        for (Location l : at) { // as an IDE does: every method that has the line
                            requests.createBreakpointRequest(l).enable();
                        }
                    } else if (e instanceof BreakpointEvent || e instanceof StepEvent) {
                        LocatableEvent le = (LocatableEvent) e;
                        stops.add(describe(le));
                        requests.deleteEventRequests(new ArrayList<>(requests.stepRequests()));
                        boolean landed = e instanceof StepEvent && le.location().lineNumber() == LANDING_LINE
                                && le.location().method().name().equals("add$resume");
                        if (landed || stops.size() > 12) {
                            running = false;
                        } else {
                            StepRequest step = requests.createStepRequest(le.thread(), StepRequest.STEP_LINE, depth);
                            step.addClassFilter(PROGRAM); // the user's class only: not the runtime, not its lambdas
                            step.enable();
                        }
                    }
                }
                set.resume();
            }
        } catch (VMDisconnectedException ended) {
            // the program ran to its end
        } finally {
            if (vm != null) {
                try {
                    vm.dispose();
                } catch (VMDisconnectedException gone) {
                    // already ended
                }
            }
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aBreakpointAfterASuspendingAwaitHitsWithTheLocalsLiveThere() throws Exception {
        debug(StepRequest.STEP_INTO);
        // the parameter a is dead after line 18: the frame does not carry it across the await,
        // so the debugger does not show it (rather than whatever its slot holds on re-entry)
        assertEquals("add$resume:20 {label=\"x\", sum=40}", stops.get(0));
        assertEquals("add$resume:21 {label=\"x\", sum=40, after=41}", stops.get(1));
        assertEquals("add$resume:22 {label=\"x\", sum=40, after=41, text=\"x41\"}", stops.get(2));
    }

    @Test
    void steppingIntoASuspendingAwaitComesBackAtItsLineThenTheNext() throws Exception {
        debug(StepRequest.STEP_INTO);
        // at 22 the method suspends and returns to the loop; when the loop resumes it, the step
        // stops at the method's entry (the dispatch on the frame's label, which JDWP counts as the
        // method's first line, 18), then at the await it resumed (in the block that restores the
        // locals, before they are back: none shown), then on the next line with its locals
        assertEquals(List.of(
                "add$resume:20 {label=\"x\", sum=40}",
                "add$resume:21 {label=\"x\", sum=40, after=41}",
                "add$resume:22 {label=\"x\", sum=40, after=41, text=\"x41\"}",
                "add$resume:18 {}",
                "add$resume:22 {}",
                "add$resume:23 {after=41, text=\"x41\"}"), stops);
    }

    @Test
    void stepOverASuspendingAwaitLeavesTheMethodAsItReturnsToTheLoop() throws Exception {
        debug(StepRequest.STEP_OVER);
        // plain JDWP step over: the suspending await returns from add$resume, so the step ends
        // in its caller; the user's class is next seen in main, after Asyncio.run returned
        assertEquals("add$resume:22 {label=\"x\", sum=40, after=41, text=\"x41\"}", stops.get(2));
        assertEquals("main:28 {args=instance of java.lang.String[0]", stops.get(3).substring(0, stops.get(3).indexOf(" (id=")));
    }

    @Test
    void aBreakpointInAMethodAwaitedDirectlyHitsInItsVariantThenInItsResumeMethod() throws Exception {
        // add's first line is in its factory too (its one line entry)
        debug(StepRequest.STEP_INTO, FIRST_LINE, 3, true);
        // awaitsAdd awaits add(20, "y") directly: add's body runs in its variant, arguments in place
        assertEquals("add$resume(direct):18 {a=20, label=\"y\"}", stops.get(0));
        assertEquals("add$resume(direct):19 {a=20, label=\"y\", sum=40}", stops.get(1));
        // it suspends at 19; the loop resumes its frame in the resume method, which goes on at 20
        assertTrue(stops.contains("add$resume:20 {label=\"y\", sum=40}"), stops::toString);
        assertTrue(stops.stream().noneMatch(s -> s.startsWith("add$resume(direct):2")), stops::toString);
    }
}
