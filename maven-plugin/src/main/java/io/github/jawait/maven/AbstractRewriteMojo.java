package io.github.jawait.maven;

import io.github.jawait.agent.BlockingCallPolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/** What {@code rewrite} and {@code rewrite-test} share: the options and the report to the build. */
abstract class AbstractRewriteMojo extends AbstractMojo {
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    /** A method the transformer refuses fails the build (file and line); false logs it and leaves the method throwing it. */
    @Parameter(property = "jawait.failOnRefusal", defaultValue = "true")
    private boolean failOnRefusal;

    /** Check every rewritten class with ASM's CheckClassAdapter. */
    @Parameter(property = "jawait.verify", defaultValue = "false")
    private boolean verify;

    /**
     * What a call that blocks a thread (Thread.sleep, Future.get, a JDBC execute...) inside an
     * {@code @Async} method gets: {@code warn} (a build warning with file, line and what to use
     * instead), {@code refuse} (a refusal, which fails the build unless failOnRefusal is false),
     * or {@code off}. The agent's option {@code blocking=} does the same at load time.
     */
    @Parameter(property = "jawait.blocking", defaultValue = "warn")
    private String blocking;

    /** Skip the rewriting. */
    @Parameter(property = "jawait.skip", defaultValue = "false")
    private boolean skip;

    /** Glob patterns over class-file paths relative to the directory, such as {@code com/example/**}; empty: all. */
    @Parameter
    private List<String> includes;

    /** Glob patterns of class files left alone. */
    @Parameter
    private List<String> excludes;

    abstract Path classesDirectory();

    abstract List<String> classPath() throws MojoExecutionException;

    abstract List<String> sourceRoots();

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("jawait: skipped");
            return;
        }
        Path classes = classesDirectory();
        BlockingCallPolicy policy;
        try {
            policy = BlockingCallPolicy.parse(blocking);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("jawait: <blocking>" + blocking + "</blocking> (jawait.blocking) is not"
                    + " an option; use warn (the default), refuse or off", e);
        }
        ClassDirectoryRewriter.Report report;
        try {
            report = new ClassDirectoryRewriter(classes, classPath().stream().map(Path::of).toList(),
                    sourceRoots().stream().map(Path::of).toList(), includes, excludes, verify, !failOnRefusal, policy)
                    .run();
        } catch (IOException e) {
            throw new MojoExecutionException("jawait: cannot rewrite " + classes + ": " + e, e);
        }
        report.blockingCalls().forEach(b -> getLog().warn("jawait: " + b));
        for (ClassDirectoryRewriter.Refusal r : report.refusals()) {
            if (failOnRefusal) {
                getLog().error("jawait: " + r);
            } else {
                getLog().warn("jawait: " + r + " (the method throws this when called)");
            }
        }
        report.errors().forEach(e -> getLog().error("jawait: " + e));
        getLog().info("jawait: rewrote " + report.rewritten().size() + " class"
                + (report.rewritten().size() == 1 ? "" : "es") + " in " + project.getBasedir().toPath().relativize(classes)
                + (report.alreadyRewritten().isEmpty() ? "" : " (" + report.alreadyRewritten().size() + " rewritten before)"));
        if (!report.errors().isEmpty()) {
            throw new MojoFailureException("jawait: " + report.errors().get(0));
        }
        if (failOnRefusal && !report.refusals().isEmpty()) {
            ClassDirectoryRewriter.Refusal first = report.refusals().get(0);
            throw new MojoFailureException("jawait refused " + report.refusals().size() + " method"
                    + (report.refusals().size() == 1 ? "" : "s") + "; the first: " + first
                    + " (set failOnRefusal to false to build anyway, with those methods throwing the reason)");
        }
    }
}
