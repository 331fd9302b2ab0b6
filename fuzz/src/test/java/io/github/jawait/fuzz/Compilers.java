package io.github.jawait.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.eclipse.jdt.internal.compiler.tool.EclipseCompiler;

/**
 * In-memory compilation with javac and with ECJ through {@code javax.tools}, {@code --release 17},
 * with or without debug information; the class path is the runtime, the annotations, the
 * reference runtime and the programs' library ({@link Prelude#LIB}, compiled once per variant).
 * One instance per thread (file managers are not thread-safe); it keeps its
 * file managers so the class path is opened once.
 */
final class Compilers {
    enum Kind { JAVAC, ECJ }

    /**
     * The programs' language level: 21 where the JDK has it (the JDK 25 run), so the generator
     * can write pattern switches and record patterns ({@link #PATTERNS}); 17 otherwise.
     */
    static final String RELEASE = Runtime.version().feature() >= 21 ? "21" : "17";
    static final boolean PATTERNS = RELEASE.equals("21");

    /** The compilers rejected the program: a generator bug, never a transformer bug. */
    static final class CompileError extends Exception {
        CompileError(String message) {
            super(message);
        }
    }

    private final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    private final JavaCompiler ecj = new EclipseCompiler();
    private final Map<Variant, StandardJavaFileManager> files = new java.util.EnumMap<>(Variant.class);
    /** Where this instance writes the sources of one compile; emptied after each (see {@link FuzzScratch}). */
    private final Path sourceDir;

    /** The library of the programs, compiled once per variant: binary name to bytes, and its class directory. */
    record Library(Map<String, byte[]> classes, Path dir) {
    }

    private static final Map<Variant, Library> LIBRARIES = new java.util.EnumMap<>(Variant.class);

    Compilers() {
        try {
            sourceDir = Files.createTempDirectory(FuzzScratch.root(), "sources");
            for (Variant v : Variant.values()) {
                StandardJavaFileManager fm = (v.compiler == Kind.JAVAC ? javac : ecj)
                        .getStandardFileManager(null, null, StandardCharsets.UTF_8);
                fm.setLocation(StandardLocation.CLASS_PATH, classPath(null));
                files.put(v, fm);
            }
            for (Variant v : Variant.values()) {
                files.get(v).setLocation(StandardLocation.CLASS_PATH, classPath(library(v).dir().toFile()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<File> classPath(File library) {
        List<File> cp = new ArrayList<>(List.of(location(io.github.jawait.Asyncio.class),
                location(io.github.jawait.Async.class), location(io.github.jawait.fuzz.ref.Asyncio.class)));
        if (library != null) {
            cp.add(library);
        }
        return cp;
    }

    /** The library ({@link Prelude#LIB}) compiled by {@code v}, real and reference, once per run. */
    Library library(Variant v) {
        synchronized (LIBRARIES) {
            Library lib = LIBRARIES.get(v);
            if (lib == null) {
                Map<String, String> sources = new LinkedHashMap<>();
                sources.put("fuzz/real/Lib.java", Harness.realSource(Prelude.LIB));
                sources.put("fuzz/ref/Lib.java", Harness.referenceSource(Prelude.LIB));
                Map<String, byte[]> classes;
                try {
                    classes = compile(v, sources);
                } catch (CompileError e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
                try {
                    Path dir = Files.createTempDirectory(FuzzScratch.root(), "lib-" + v.name().toLowerCase(java.util.Locale.ROOT));
                    for (Map.Entry<String, byte[]> e : classes.entrySet()) {
                        Path f = dir.resolve(e.getKey().replace('.', '/') + ".class");
                        Files.createDirectories(f.getParent());
                        Files.write(f, e.getValue());
                    }
                    lib = new Library(Map.copyOf(classes), dir);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                LIBRARIES.put(v, lib);
            }
            return lib;
        }
    }

    static File location(Class<?> c) {
        try {
            return new File(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where this instance writes the sources it compiles: empty between compiles. */
    Path sourceDir() {
        return sourceDir;
    }

    /**
     * Compiles {@code sources} (path like {@code fuzz/real/Prog.java} to text); returns binary name
     * to class bytes. The source files are deleted when the compile is done, whatever its outcome.
     */
    Map<String, byte[]> compile(Variant v, Map<String, String> sources) throws CompileError {
        try {
            return compileFiles(v, sources);
        } finally {
            FuzzScratch.deleteBelow(sourceDir);
        }
    }

    private Map<String, byte[]> compileFiles(Variant v, Map<String, String> sources) throws CompileError {
        JavaCompiler compiler = v.compiler == Kind.JAVAC ? javac : ecj;
        StandardJavaFileManager standard = files.get(v);
        Map<String, byte[]> out = new LinkedHashMap<>();
        // sources go through real files: ECJ's javax.tools front end reads compilation units by path
        List<File> paths = new ArrayList<>();
        try {
            for (Map.Entry<String, String> e : sources.entrySet()) {
                Path p = sourceDir.resolve(e.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, e.getValue());
                paths.add(p.toFile());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<JavaFileObject> units = new ArrayList<>();
        for (JavaFileObject f : standard.getJavaFileObjectsFromFiles(paths)) {
            units.add(f);
        }
        JavaFileManager output = new ForwardingJavaFileManager<>(standard) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                    FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        return new ByteArrayOutputStream() {
                            @Override
                            public void close() {
                                out.put(className.replace('/', '.'), toByteArray());
                            }
                        };
                    }
                };
            }
        };
        List<String> options = List.of("--release", RELEASE, v.debug ? "-g" : "-g:none", "-proc:none", "-nowarn",
                "-encoding", "UTF-8");
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        java.io.StringWriter log = new java.io.StringWriter();
        Boolean ok = compiler.getTask(log, output, diagnostics, options, null, units).call();
        if (!Boolean.TRUE.equals(ok) || out.isEmpty()) {
            StringBuilder sb = new StringBuilder(v + " rejected the program:");
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() == Diagnostic.Kind.ERROR) {
                    sb.append("\n  ").append(d.getSource() == null ? "" : sourceName(d.getSource()))
                            .append(':').append(d.getLineNumber()).append(": ").append(d.getMessage(null));
                }
            }
            if (log.getBuffer().length() > 0) { // ECJ's own report names the files by their full path
                sb.append("\n").append(log.toString().replace(sourceDir.toString() + File.separator, ""));
            }
            throw new CompileError(sb.toString());
        }
        return out;
    }

    /**
     * A source's name as the program's path ({@code fuzz/real/Prog.java}): the file is gone once
     * the compile is done, and the report prints the program itself.
     */
    private String sourceName(JavaFileObject source) {
        URI uri = source.toUri();
        if ("file".equals(uri.getScheme())) {
            Path p = Path.of(uri);
            if (p.startsWith(sourceDir)) {
                return sourceDir.relativize(p).toString().replace(File.separatorChar, '/');
            }
        }
        return source.getName();
    }
}
