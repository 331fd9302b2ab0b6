package io.github.jawait.agent;

/**
 * The agent's options, the text after {@code -javaagent:jawait-agent.jar=}: comma-separated,
 * {@code verify} (check every rewritten class with ASM's CheckClassAdapter) and
 * {@code blocking=warn|refuse|off} (what a blocking call in an {@code @Async} method gets) and
 * {@code stats} (print the agent's own start-up cost at exit).
 */
public record AgentOptions(boolean verify, BlockingCallPolicy blocking, boolean stats) {
    public static final AgentOptions DEFAULT = new AgentOptions(false, BlockingCallPolicy.WARN, false);

    /** Parses {@code options} (null or empty: the defaults); an unknown option is an error. */
    public static AgentOptions parse(String options) {
        boolean verify = false;
        boolean stats = false;
        BlockingCallPolicy blocking = BlockingCallPolicy.WARN;
        if (options == null || options.isBlank()) {
            return DEFAULT;
        }
        for (String raw : options.split(",")) {
            String option = raw.strip();
            if (option.isEmpty()) {
                continue;
            }
            if (option.equals("verify")) {
                verify = true;
            } else if (option.equals("stats")) {
                stats = true;
            } else if (option.startsWith("blocking=")) {
                blocking = BlockingCallPolicy.parse(option.substring("blocking=".length()));
            } else {
                throw new IllegalArgumentException("jawait: unknown agent option '" + option + "' in '" + options
                        + "'; the options are verify, stats and blocking=warn|refuse|off, separated by commas");
            }
        }
        return new AgentOptions(verify, blocking, stats);
    }
}
