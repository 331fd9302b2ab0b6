package io.github.jawait.fuzz;

import java.nio.file.Files;
import java.nio.file.Path;

/** Development aid: {@code RunFile PATH} runs a program file in all four variants. */
public final class RunFile {
    public static void main(String[] args) throws Exception {
        String src = Files.readString(Path.of(args[0]));
        for (Variant v : Variant.values()) {
            Harness.Outcome o = Harness.run(src, v);
            System.out.println(v + ": " + o.status() + (o.detail().isEmpty() ? "" : "\n" + o.detail()));
        }
        System.exit(0);
    }
}
