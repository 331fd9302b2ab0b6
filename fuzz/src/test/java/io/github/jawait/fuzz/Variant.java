package io.github.jawait.fuzz;

/** A compiler and a debug-info setting: each generated program is compiled and rewritten in one of these. */
enum Variant {
    JAVAC_G(Compilers.Kind.JAVAC, true),
    JAVAC_G_NONE(Compilers.Kind.JAVAC, false),
    ECJ_G(Compilers.Kind.ECJ, true),
    ECJ_G_NONE(Compilers.Kind.ECJ, false);

    final Compilers.Kind compiler;
    final boolean debug;

    Variant(Compilers.Kind compiler, boolean debug) {
        this.compiler = compiler;
        this.debug = debug;
    }

    @Override
    public String toString() {
        return compiler.name().toLowerCase() + " " + (debug ? "-g" : "-g:none");
    }
}
