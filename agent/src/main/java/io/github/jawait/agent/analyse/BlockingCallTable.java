package io.github.jawait.agent.analyse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The calls that block a thread, read from {@code blocking-calls.txt} next to this class (the
 * table is data; its header explains the format). Answers one question: which entries could
 * a call named so match? Whether the call's owner is a subtype is left to {@link BlockingCalls}.
 */
public final class BlockingCallTable {
    /** The resource, relative to this class. */
    public static final String RESOURCE = "blocking-calls.txt";

    /**
     * One member of one line: {@code type} (internal name), a method {@code name} (a prefix
     * when {@code prefix}, any name when {@code name} is "*"), an optional descriptor, and the
     * alternative ({@code null}: calls through this type do not block).
     */
    public record Entry(String type, String name, boolean prefix, String desc, String instead) {
        boolean matches(String method, String descriptor) {
            if ("*".equals(name)) {
                return true;
            }
            boolean named = prefix ? method.startsWith(name) : method.equals(name);
            return named && (desc == null || desc.equals(descriptor));
        }

        /** Whether this entry marks calls that do not block. */
        public boolean exempts() {
            return instead == null;
        }
    }

    private static volatile BlockingCallTable standard;

    private final Map<String, List<Entry>> byName = new HashMap<>();
    private final List<Entry> byPrefix = new ArrayList<>();
    private final List<Entry> exemptions = new ArrayList<>();

    private BlockingCallTable(List<Entry> entries) {
        for (Entry e : entries) {
            if (e.exempts()) {
                exemptions.add(e);
            } else if (e.prefix()) {
                byPrefix.add(e);
            } else {
                byName.computeIfAbsent(e.name(), k -> new ArrayList<>()).add(e);
            }
        }
    }

    /** The agent's table, read once. */
    public static BlockingCallTable standard() {
        BlockingCallTable t = standard;
        if (t == null) {
            try (InputStream in = BlockingCallTable.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is missing from the jawait agent's jar");
                }
                t = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + RESOURCE, e);
            }
            standard = t;
        }
        return t;
    }

    /** A table from text in the format of {@code blocking-calls.txt}. */
    public static BlockingCallTable parse(String text) {
        List<Entry> entries = new ArrayList<>();
        int lineNo = 0;
        try (BufferedReader lines = new BufferedReader(new java.io.StringReader(text))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                lineNo++;
                String s = line.strip();
                if (s.isEmpty() || s.startsWith("#")) {
                    continue;
                }
                String[] parts = s.split("\\s+", 3);
                if (parts.length < 3) {
                    throw new IllegalArgumentException(RESOURCE + " line " + lineNo
                            + ": expected <type> <members> <what to use instead>, got: " + s);
                }
                String type = parts[0].replace('.', '/');
                String instead = "-".equals(parts[2]) ? null : parts[2];
                for (String member : parts[1].split(",")) {
                    entries.add(entry(type, member, instead));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BlockingCallTable(entries);
    }

    private static Entry entry(String type, String member, String instead) {
        int paren = member.indexOf('(');
        String name = paren < 0 ? member : member.substring(0, paren);
        String desc = paren < 0 ? null : member.substring(paren);
        boolean prefix = name.length() > 1 && name.endsWith("*");
        return new Entry(type, prefix ? name.substring(0, name.length() - 1) : name, prefix, desc, instead);
    }

    /**
     * The blocking entries a call to {@code name desc} could match, by name alone; empty (and
     * allocation-free) for the great majority of calls.
     */
    List<Entry> candidates(String name, String desc) {
        List<Entry> exact = byName.get(name);
        List<Entry> out = null;
        if (exact != null) {
            for (Entry e : exact) {
                if (e.matches(name, desc)) {
                    out = add(out, e);
                }
            }
        }
        for (Entry e : byPrefix) {
            if (e.matches(name, desc)) {
                out = add(out, e);
            }
        }
        return out == null ? List.of() : out;
    }

    /** The exemptions (types whose calls of this name do not block). */
    List<Entry> exemptions(String name, String desc) {
        List<Entry> out = null;
        for (Entry e : exemptions) {
            if (e.matches(name, desc)) {
                out = add(out, e);
            }
        }
        return out == null ? List.of() : out;
    }

    private static List<Entry> add(List<Entry> list, Entry e) {
        List<Entry> l = list == null ? new ArrayList<>(2) : list;
        l.add(e);
        return l;
    }
}
