package io.github.jawait.agent;

import java.util.Locale;

/**
 * What the agent does with a call that blocks a thread inside an {@code @Async} method (see
 * {@code analyse/blocking-calls.txt}): the agent option {@code blocking=warn|refuse|off}, and
 * the maven plugin's {@code blocking} parameter.
 */
public enum BlockingCallPolicy {
    /** Log a warning per call site, once; rewrite the method as usual. The default. */
    WARN,
    /** Refuse the method: its body throws the report, as for any other refusal. */
    REFUSE,
    /** Do not look. */
    OFF;

    /** The option's spelling: {@code warn}, {@code refuse}, {@code off}. */
    public String option() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The policy spelled {@code value}; a clear error for anything else. */
    public static BlockingCallPolicy parse(String value) {
        for (BlockingCallPolicy p : values()) {
            if (p.option().equals(value)) {
                return p;
            }
        }
        throw new IllegalArgumentException("jawait: blocking=" + value + " is not an option;"
                + " use blocking=warn (the default), blocking=refuse or blocking=off");
    }
}
