package io.github.jawait.fuzz;

import java.util.Map;

/** Development aid: {@code Show SEED VARIANT} prints the program and the full compiler output. */
public final class Show {
    public static void main(String[] args) throws Exception {
        String src = ProgramGenerator.generate(Long.parseLong(args[0])).render();
        System.out.println(src);
        try {
            new Compilers().compile(Variant.valueOf(args[1]), Map.of("fuzz/real/Prog.java", Harness.realSource(src)));
            System.out.println("compiled");
        } catch (Compilers.CompileError e) {
            System.out.println(e.getMessage());
        }
        System.exit(0);
    }
}
