package io.github.jawait.agent.analyse;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;

/**
 * Superclasses and interfaces read from class-file bytes, never by loading classes: a
 * {@code ClassFileTransformer} that loads classes can deadlock or see half-defined ones. Used
 * to merge reference types at control-flow joins, exactly as the verifier does.
 */
public final class ClassHierarchy {
    private static final String OBJECT = "java/lang/Object";

    private record Info(String superName, String[] interfaces, boolean isInterface, boolean isPublic) {
    }

    /** A class whose bytes cannot be found: treated as a public direct subclass of Object. */
    private static final Info UNKNOWN = new Info(OBJECT, new String[0], false, true);

    /** Packages of the boot layer's named modules; read lazily, once. */
    private static volatile Map<String, Module> bootPackages;

    private final ClassLoader loader;
    private final Map<String, Info> cache = new ConcurrentHashMap<>();
    private final Map<String, Boolean> initializers = new java.util.HashMap<>();
    private final Map<String, String> declaredMerges = new java.util.HashMap<>();
    private final Map<String, String> declaredSupertypes = new java.util.HashMap<>();

    public ClassHierarchy(ClassLoader loader) {
        this.loader = loader;
    }

    /** Where class files are read from (null: the boot and system loaders only). */
    public ClassLoader loader() {
        return loader;
    }

    /** Registers a class from its bytes (the class being transformed is not loadable yet). */
    public void add(byte[] classFile) {
        ClassReader r = new ClassReader(classFile);
        cache.put(r.getClassName(), info(r));
    }

    /**
     * The most specific common superclass, as ASM's {@code ClassWriter.getCommonSuperClass}.
     * Only asked about rewritten methods; a guess there would make frames the JVM rejects, so
     * a class whose bytes cannot be found is reported: {@link MissingClassException}.
     */
    public String commonSuperClass(String a, String b) {
        if (a.equals(b)) {
            return a;
        }
        String declared = declaredMerges.get(a + ";" + b);
        if (declared != null) {
            return declared;
        }
        if (declaredSubtype(b, a)) {
            return a;
        }
        if (declaredSubtype(a, b)) {
            return b;
        }
        if (isAssignableFrom(a, b, true)) {
            return a;
        }
        if (isAssignableFrom(b, a, true)) {
            return b;
        }
        if (known(a).isInterface() || known(b).isInterface()) {
            return OBJECT;
        }
        String s = a;
        do {
            s = known(s).superName();
            if (s == null) {
                return OBJECT;
            }
        } while (!isAssignableFrom(s, b, true));
        return s;
    }

    /** A class whose bytes the loader cannot give, needed to merge two types exactly. */
    public static final class MissingClassException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String className;

        MissingClassException(String internalName) {
            super("cannot read the class file of " + internalName.replace('/', '.'), null, false, false);
            this.className = internalName.replace('/', '.');
        }

        /** The class, as a binary name. */
        public String className() {
            return className;
        }
    }

    private Info known(String name) {
        Info i = info(name);
        if (i == UNKNOWN && !name.startsWith("[")) {
            String sup = declaredSupertypes.get(name);
            if (sup == null) {
                throw new MissingClassException(name);
            }
            // all that is known: a supertype, from the compiler's frames; sound, maybe less precise
            return new Info(sup, new String[0], false, true);
        }
        return i;
    }

    /** Whether the compiler's frames showed {@code sub} to be a subtype of {@code sup}. */
    private boolean declaredSubtype(String sub, String sup) {
        for (String s = declaredSupertypes.get(sub); s != null; s = declaredSupertypes.get(s)) {
            if (s.equals(sup)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Records what a compiler's stack map frame says where the class files cannot: values of
     * classes {@code a} and {@code b} meet as {@code declared}, so both are subtypes of it. Used
     * for later merges of the same classes in the same rewrite.
     */
    public void declareMerge(String a, String b, String declared) {
        declaredMerges.put(a + ";" + b, declared);
        declaredMerges.put(b + ";" + a, declared);
        declaredSupertypes.putIfAbsent(a, declared);
        declaredSupertypes.putIfAbsent(b, declared);
    }

    /**
     * Whether initializing class {@code name} may run code: it or one of its supertypes has a
     * static initializer, or its bytes cannot be found. JDK classes count as initialized
     * already: their initializers have no effect user code could order against.
     */
    public boolean mayRunStaticInitializer(String name) {
        Boolean known = initializers.get(name);
        if (known == null) {
            known = computeMayRunStaticInitializer(name);
            initializers.put(name, known);
        }
        return known;
    }

    private boolean computeMayRunStaticInitializer(String name) {
        if (name == null || name.startsWith("java/") || name.startsWith("[")) {
            return false;
        }
        byte[] bytes = bytesOf(name);
        if (bytes == null) {
            return true;
        }
        boolean[] found = {false};
        ClassReader r = new ClassReader(bytes);
        r.accept(new org.objectweb.asm.ClassVisitor(Opcodes.ASM9) {
            @Override
            public org.objectweb.asm.MethodVisitor visitMethod(int access, String method, String desc,
                    String signature, String[] exceptions) {
                if ("<clinit>".equals(method)) {
                    found[0] = true;
                }
                return null;
            }
        }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        if (found[0] || mayRunStaticInitializer(r.getSuperName())) {
            return true;
        }
        for (String itf : r.getInterfaces()) {
            if (mayRunStaticInitializer(itf)) {
                return true;
            }
        }
        return false;
    }

    private byte[] bytesOf(String name) {
        try (InputStream in = open(name + ".class")) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Whether class {@code name} or one of its superclasses below Object declares a concrete
     * {@code method desc}; false for interfaces and for classes whose bytes cannot be found.
     */
    public boolean declaresConcreteMethod(String name, String method, String desc) {
        for (String c = name; c != null && !OBJECT.equals(c); c = superName(c)) {
            byte[] bytes = bytesOf(c);
            if (bytes == null) {
                return false;
            }
            ClassReader r = new ClassReader(bytes);
            if ((r.getAccess() & Opcodes.ACC_INTERFACE) != 0) {
                return false;
            }
            boolean[] found = {false};
            r.accept(new org.objectweb.asm.ClassVisitor(Opcodes.ASM9) {
                @Override
                public org.objectweb.asm.MethodVisitor visitMethod(int access, String m, String d,
                        String signature, String[] exceptions) {
                    if (m.equals(method) && d.equals(desc) && (access & Opcodes.ACC_ABSTRACT) == 0) {
                        found[0] = true;
                    }
                    return null;
                }
            }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
            if (found[0]) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code name} is an interface (false when its bytes cannot be found). */
    public boolean isInterface(String name) {
        return info(name).isInterface();
    }

    /** The superclass of {@code name}, or null for Object and interfaces' roots. */
    public String superName(String name) {
        return OBJECT.equals(name) ? null : info(name).superName();
    }

    /** Whether a value of class {@code sub} can be used where {@code sup} is expected. */
    public boolean isAssignableFrom(String sup, String sub) {
        return isAssignableFrom(sup, sub, false);
    }

    private boolean isAssignableFrom(String sup, String sub, boolean strict) {
        if (sup.equals(sub) || OBJECT.equals(sup)) {
            return true;
        }
        Set<String> seen = new HashSet<>();
        List<String> work = new ArrayList<>();
        work.add(sub);
        while (!work.isEmpty()) {
            String c = work.remove(work.size() - 1);
            if (c == null || !seen.add(c)) {
                continue;
            }
            if (c.equals(sup)) {
                return true;
            }
            Info i = strict ? known(c) : info(c);
            work.add(i.superName());
            for (String itf : i.interfaces()) {
                work.add(itf);
            }
        }
        return false;
    }

    /**
     * The most specific class that is {@code name} or one of its superclasses and that code in
     * class {@code from} may name (in a {@code checkcast}): merged types can be classes the
     * user's code never names, such as {@code java.lang.AbstractStringBuilder}, the common
     * superclass of {@code StringBuilder} and {@code StringBuffer}, which is package-private.
     */
    public String accessibleSuperclass(String name, String from) {
        for (String c = name; c != null; c = info(c).superName()) {
            if (isAccessible(c, from)) {
                return c;
            }
        }
        return OBJECT;
    }

    private boolean isAccessible(String name, String from) {
        if (packageOf(name).equals(packageOf(from))) {
            return true;
        }
        return info(name).isPublic() && isExported(packageOf(name));
    }

    private static boolean isExported(String pkg) {
        Map<String, Module> packages = bootPackages;
        if (packages == null) {
            Map<String, Module> m = new java.util.HashMap<>();
            for (Module module : ModuleLayer.boot().modules()) {
                for (String p : module.getPackages()) {
                    m.put(p.replace('.', '/'), module);
                }
            }
            bootPackages = packages = m;
        }
        Module module = packages.get(pkg);
        return module == null || module.isExported(pkg.replace('/', '.'));
    }

    private static String packageOf(String internalName) {
        int slash = internalName.lastIndexOf('/');
        return slash < 0 ? "" : internalName.substring(0, slash);
    }

    private static Info info(ClassReader r) {
        int access = r.getAccess();
        return new Info(r.getSuperName(), r.getInterfaces(), (access & Opcodes.ACC_INTERFACE) != 0,
                (access & Opcodes.ACC_PUBLIC) != 0);
    }

    private Info info(String name) {
        Info i = cache.get(name);
        if (i == null) {
            i = read(name);
            cache.put(name, i);
        }
        return i;
    }

    private Info read(String name) {
        if (name.startsWith("[")) {
            return UNKNOWN;
        }
        String resource = name + ".class";
        try (InputStream in = open(resource)) {
            if (in == null) {
                return UNKNOWN;
            }
            ClassReader r = new ClassReader(in);
            return info(r);
        } catch (IOException | RuntimeException e) {
            return UNKNOWN;
        }
    }

    private InputStream open(String resource) {
        InputStream in = null;
        if (loader != null) {
            in = loader.getResourceAsStream(resource);
        }
        if (in == null) {
            in = ClassLoader.getSystemResourceAsStream(resource);
        }
        if (in == null) {
            in = ClassLoader.getPlatformClassLoader().getResourceAsStream(resource);
        }
        return in;
    }
}
