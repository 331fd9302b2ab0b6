package io.github.jawait.maven;

import io.github.jawait.agent.BlockingCallPolicy;
import io.github.jawait.agent.ClassRewriter;
import io.github.jawait.agent.Verification;
import io.github.jawait.agent.scan.RewrittenMarker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Rewrites the class files of one directory in place with the agent's transformer. The class
 * hierarchy comes from the bytes of the directory and its class path, read as resources:
 * no class is loaded. Knows nothing of Maven, so it is tested directly.
 */
public final class ClassDirectoryRewriter {
    /** A method the transformer refused: the source file when found (else the class file), the line, the message. */
    public record Refusal(Path file, int line, String message) {
        @Override
        public String toString() {
            return file + (line > 0 ? ":[" + line + "]" : "") + " " + message;
        }
    }

    /** A call that blocks a thread inside an {@code @Async} method, located as a refusal is. */
    public record BlockingCall(Path file, int line, String message) {
        @Override
        public String toString() {
            return file + (line > 0 ? ":[" + line + "]" : "") + " blocking call in " + message;
        }
    }

    /**
     * What one run did. {@code errors} stop the build whatever {@code failOnRefusal} says;
     * {@code blockingCalls} are warnings (under {@code blocking=refuse} they are refusals instead).
     */
    public record Report(List<Path> rewritten, List<Path> alreadyRewritten, List<Refusal> refusals, List<String> errors,
            List<BlockingCall> blockingCalls) {
    }

    private static final Pattern WHERE = Pattern.compile("\\(([^():]+\\.java):(\\d+)\\)");
    /** The agent logs refusals; here they are reported as build messages instead. Held strongly. */
    private static final Logger AGENT_LOG = Logger.getLogger("io.github.jawait.agent");

    static {
        AGENT_LOG.setUseParentHandlers(false);
    }

    private final Path classes;
    private final List<Path> classPath;
    private final List<Path> sourceRoots;
    private final List<PathMatcher> includes;
    private final List<PathMatcher> excludes;
    private final boolean verify;
    private final boolean writeRefused;
    private final BlockingCallPolicy blocking;

    /**
     * @param classes     the directory to rewrite, such as target/classes
     * @param classPath   where supertypes' class files are found (the directory itself may be among them)
     * @param sourceRoots where refusals' source files are looked up, to name them in messages
     * @param includes    glob patterns over paths relative to {@code classes} ({@code com/example/**}); empty: all
     * @param excludes    glob patterns of class files left alone
     * @param writeRefused whether a class with refused methods is written (its methods throwing the
     *                     reason); when the build fails on refusals it is left as compiled instead, so
     *                     that the next build, without clean, refuses it again
     */
    public ClassDirectoryRewriter(Path classes, List<Path> classPath, List<Path> sourceRoots, List<String> includes,
            List<String> excludes, boolean verify, boolean writeRefused) {
        this(classes, classPath, sourceRoots, includes, excludes, verify, writeRefused, BlockingCallPolicy.WARN);
    }

    /** As above; {@code blocking}: what a call that blocks a thread inside an {@code @Async} method gets. */
    public ClassDirectoryRewriter(Path classes, List<Path> classPath, List<Path> sourceRoots, List<String> includes,
            List<String> excludes, boolean verify, boolean writeRefused, BlockingCallPolicy blocking) {
        this.blocking = blocking;
        this.classes = classes;
        this.classPath = classPath;
        this.sourceRoots = sourceRoots;
        this.includes = matchers(includes);
        this.excludes = matchers(excludes);
        this.verify = verify;
        this.writeRefused = writeRefused;
    }

    public Report run() throws IOException {
        List<Path> rewritten = new ArrayList<>();
        List<Path> already = new ArrayList<>();
        List<Refusal> refusals = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        List<BlockingCall> blockingCalls = new ArrayList<>();
        if (!Files.isDirectory(classes)) {
            return new Report(rewritten, already, refusals, errors, blockingCalls);
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(p -> p.toString().endsWith(".class") && selected(classes.relativize(p)))
                    .sorted().toList();
        }
        try (URLClassLoader loader = new URLClassLoader(urls(), ClassLoader.getPlatformClassLoader())) {
            ClassRewriter rewriter = new ClassRewriter(blocking);
            for (Path file : files) {
                byte[] bytes = Files.readAllBytes(file);
                String marked = RewrittenMarker.versionOf(bytes);
                if (marked != null) {
                    if (marked.equals(RewrittenMarker.VERSION)) {
                        already.add(file);
                    } else {
                        errors.add(file + " was rewritten by jawait " + marked + ", this plugin is jawait "
                                + RewrittenMarker.VERSION + ": run mvn clean to compile it again");
                    }
                    continue;
                }
                ClassRewriter.Result r = rewriter.rewrite(bytes, loader);
                for (String message : r.refusals()) {
                    refusals.add(refusal(file, message));
                }
                for (String message : r.blockingCalls()) {
                    Refusal at = refusal(file, message);
                    blockingCalls.add(new BlockingCall(at.file(), at.line(), message));
                }
                if (r.bytes() == null || (!r.refusals().isEmpty() && !writeRefused)) {
                    continue;
                }
                if (verify) {
                    String problem = Verification.checkStructure(r.bytes());
                    if (!problem.isEmpty()) {
                        errors.add(file + ": the rewritten class fails CheckClassAdapter (please report it): " + problem);
                        continue;
                    }
                }
                Files.write(file, r.bytes());
                rewritten.add(file);
            }
        }
        return new Report(rewritten, already, refusals, errors, blockingCalls);
    }

    private boolean selected(Path relative) {
        Path p = relative;
        boolean in = includes.isEmpty() || includes.stream().anyMatch(m -> m.matches(p));
        return in && excludes.stream().noneMatch(m -> m.matches(p));
    }

    /** The refusal's source file (searched in the source roots by package and file name) and line. */
    private Refusal refusal(Path classFile, String message) {
        Matcher m = WHERE.matcher(message);
        if (!m.find()) {
            return new Refusal(classFile, -1, message);
        }
        Path packageDir = classes.relativize(classFile).getParent();
        Path relative = packageDir == null ? Path.of(m.group(1)) : packageDir.resolve(m.group(1));
        Path source = sourceRoots.stream().map(root -> root.resolve(relative)).filter(Files::isRegularFile)
                .findFirst().orElse(classFile);
        return new Refusal(source, Integer.parseInt(m.group(2)), message);
    }

    private URL[] urls() {
        List<Path> all = new ArrayList<>();
        all.add(classes);
        all.addAll(classPath);
        return all.stream().map(p -> {
            try {
                return p.toUri().toURL();
            } catch (MalformedURLException e) {
                throw new UncheckedIOException(e);
            }
        }).toArray(URL[]::new);
    }

    private static List<PathMatcher> matchers(List<String> globs) {
        List<PathMatcher> out = new ArrayList<>();
        for (String g : globs == null ? List.<String>of() : globs) {
            out.add(FileSystems.getDefault().getPathMatcher("glob:" + g));
        }
        return out;
    }
}
