import java.io.IOException;
import java.io.OutputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.net.URI;
import java.net.URLClassLoader;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Build step of jctr: rewrites the class files of a jar that are older than Java 6 (version 50) as
 * Java 8 class files (version 52), with the stack maps the newer format needs computed by the
 * JDK's class-file API. The JDK's AOT cache stores only classes of version 50 or later, and
 * picocli ships Java 5 class files: every jctr start loaded and verified ~170 of them from the
 * jar. The bytecode is unchanged; only the version and the stack map tables differ.
 *
 * <p>Usage: {@code java ClassVersionUpgrade.java <jar>} (rewritten in place).
 */
public final class ClassVersionUpgrade {
    private static final int FIRST_WITH_STACK_MAPS = ClassFile.JAVA_6_VERSION;
    private static final int TARGET = ClassFile.JAVA_8_VERSION;

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        // the jar's own classes resolve the hierarchy the stack maps need, then the JDK's
        try (URLClassLoader loader = new URLClassLoader(new java.net.URL[] {jar.toUri().toURL()}, null);
             FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + jar.toUri()), Map.of())) {
            ClassFile files = ClassFile.of(ClassFile.StackMapsOption.GENERATE_STACK_MAPS, ClassFile.ClassHierarchyResolverOption.of(
                    ClassHierarchyResolver.defaultResolver().orElse(ClassHierarchyResolver.ofResourceParsing(loader))));
            List<Path> classes;
            try (Stream<Path> walk = Files.walk(zip.getPath("/"))) {
                classes = walk.filter(p -> p.toString().endsWith(".class")).toList();
            }
            int upgraded = 0;
            for (Path file : classes) {
                byte[] bytes = Files.readAllBytes(file);
                ClassModel model = files.parse(bytes);
                if (model.majorVersion() >= FIRST_WITH_STACK_MAPS) {
                    continue;
                }
                // every method body is rebuilt (not copied through) so that it gains its stack maps
                byte[] rewritten = files.transformClass(model, ClassTransform.endHandler(
                        builder -> builder.withVersion(TARGET, 0)).andThen(
                        ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL)));
                try (OutputStream out = Files.newOutputStream(file)) {
                    out.write(rewritten);
                }
                upgraded++;
            }
            System.out.println("ClassVersionUpgrade: " + upgraded + " of " + classes.size() + " classes of " + jar.getFileName()
                    + " now version " + TARGET);
        }
    }
}
