package io.github.jamestlsrpt.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The two drop-in jars as built by {@code package}: {@code james-tlsrpt-<version>.jar} for James 3.9 (jakarta) and
 * {@code james-tlsrpt-<version>-james38.jar} for James 3.8 (javax), transformed from it. Runs after packaging
 * (failsafe), on the files an operator copies into extensions-jars/. References are read from each class file's
 * constant pool, where every class, method type and string a class uses is named.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DropInJarsIT {

    private static final String OURS = "io/github/jamestlsrpt/";
    private static final String SHADED = OURS + "shaded/";

    private Map<String, byte[]> james39;
    private Map<String, byte[]> james38;

    @BeforeAll
    void readJars() throws IOException {
        james39 = entries(jar("james39.jar"));
        james38 = entries(jar("james38.jar"));
    }

    @Test
    void shouldNameNoJakartaPackageInAnyClassOfTheJames38Jar() throws IOException {
        Map<String, Set<String>> jakartaReferences = new TreeMap<>();
        for (Map.Entry<String, byte[]> entry : classes(james38).entrySet()) {
            Set<String> found = new HashSet<>();
            for (String constant : ConstantPool.utf8(entry.getValue())) {
                if (constant.contains("jakarta/") || constant.contains("jakarta.")) {
                    found.add(constant);
                }
            }
            if (!found.isEmpty()) {
                jakartaReferences.put(entry.getKey(), found);
            }
        }

        assertThat(jakartaReferences).isEmpty();
    }

    @Test
    void shouldReferToTheJavaxApiOfJames38WhereTheJames39JarRefersToJakarta() throws IOException {
        Set<String> store38 = ConstantPool.utf8(james38.get(OURS + "mailets/StoreTlsReports.class"));
        Set<String> store39 = ConstantPool.utf8(james39.get(OURS + "mailets/StoreTlsReports.class"));

        assertThat(store38).contains("Ljavax/inject/Inject;", "javax/mail/internet/MimeMessage");
        assertThat(store39).contains("Ljakarta/inject/Inject;", "jakarta/mail/internet/MimeMessage");
        assertThat(store39).noneMatch(constant -> constant.contains("javax/"));
        assertThat(ConstantPool.utf8(james38.get(OURS + "mailets/digest/DigestWriter.class")))
                .contains("javax/activation/DataHandler", "javax/mail/util/ByteArrayDataSource");
    }

    @Test
    void shouldLeaveTheJames39JarOnTheJakartaApi() throws IOException {
        long jakartaClasses = 0;
        for (Map.Entry<String, byte[]> entry : classes(james39).entrySet()) {
            Set<String> constants = ConstantPool.utf8(entry.getValue());
            assertThat(constants)
                    .as(entry.getKey())
                    .noneMatch(constant -> constant.contains("javax/mail/") || constant.contains("javax/inject/"));
            if (constants.stream().anyMatch(constant -> constant.contains("jakarta/"))) {
                jakartaClasses++;
            }
        }

        assertThat(jakartaClasses).isGreaterThanOrEqualTo(10);
    }

    @Test
    void shouldHoldTheSameFilesInBothJarsAndTheSameBytesWhereNoJakartaNameIsInvolved() throws IOException {
        assertThat(withoutMavenMetadata(james38.keySet())).isEqualTo(withoutMavenMetadata(james39.keySet()));
        for (Map.Entry<String, byte[]> entry : classes(james39).entrySet()) {
            boolean namesJakarta =
                    ConstantPool.utf8(entry.getValue()).stream().anyMatch(constant -> constant.contains("jakarta/"));
            if (!namesJakarta) {
                assertThat(james38.get(entry.getKey())).as(entry.getKey()).isEqualTo(entry.getValue());
            }
        }
    }

    @Test
    void shouldShadeEveryLibraryOfBothJarsUnderOurOwnPackage() {
        for (Map<String, byte[]> jar : List.of(james39, james38)) {
            assertThat(classes(jar).keySet())
                    .allMatch(name -> name.startsWith(OURS))
                    .anyMatch(name -> name.startsWith(SHADED + "jackson/"))
                    .anyMatch(name -> name.startsWith(SHADED + "jdkim/"));
        }
    }

    @Test
    void shouldShadeFromThisModulesOwnClassesNotFromAPreviousShadedJar() throws IOException {
        // the shade plugin keeps the jar it started from as original-<name>.jar: dist's own classes only, even in a
        // build without clean (else the stale classes of a previous shaded jar would win over the modules' new ones)
        Path shaded = jar("james39.jar");
        Path original = shaded.resolveSibling("original-" + shaded.getFileName());

        assertThat(classes(entries(original)).keySet()).isNotEmpty().allMatch(name -> name.startsWith(OURS + "cli/"));
    }

    @Test
    void shouldKeepTheCommandLineToolInTheJames39Jar() throws IOException {
        try (JarFile jar = new JarFile(jar("james39.jar").toFile())) {
            Manifest manifest = jar.getManifest();

            assertThat(manifest.getMainAttributes().getValue("Main-Class"))
                    .isEqualTo("io.github.jamestlsrpt.cli.TlsRptCommand");
        }
    }

    private static Path jar(String property) {
        String path = System.getProperty(property);
        assertThat(path).as("system property " + property).isNotBlank();
        Path jar = Path.of(path);
        assertThat(jar).isRegularFile();
        return jar;
    }

    private static Map<String, byte[]> entries(Path jar) throws IOException {
        Map<String, byte[]> entries = new TreeMap<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (ZipEntry entry : file.stream().filter(e -> !e.isDirectory()).toList()) {
                try (InputStream in = file.getInputStream(entry)) {
                    entries.put(entry.getName(), in.readAllBytes());
                }
            }
        }
        return entries;
    }

    private static Map<String, byte[]> classes(Map<String, byte[]> entries) {
        Map<String, byte[]> classes = new TreeMap<>();
        entries.forEach((name, bytes) -> {
            if (name.endsWith(".class")) {
                classes.put(name, bytes);
            }
        });
        return classes;
    }

    private static Set<String> withoutMavenMetadata(Set<String> names) {
        Set<String> kept = new HashSet<>(names);
        kept.removeIf(name -> name.startsWith("META-INF/maven/"));
        return kept;
    }

    /** The CONSTANT_Utf8 entries of a class file (JVMS 4.4): every name and string the class uses. */
    static final class ConstantPool {

        private ConstantPool() {}

        static Set<String> utf8(byte[] classFile) throws IOException {
            assertThat(classFile).isNotNull();
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
            assertThat(in.readInt()).isEqualTo(0xCAFEBABE);
            in.readUnsignedShort(); // minor
            in.readUnsignedShort(); // major
            int count = in.readUnsignedShort();
            Set<String> strings = new HashSet<>();
            for (int index = 1; index < count; index++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> strings.add(modifiedUtf8(in));
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
                    case 5, 6 -> {
                        in.skipNBytes(8);
                        index++; // a long or a double takes two entries
                    }
                    case 7, 8, 16, 19, 20 -> in.skipNBytes(2);
                    case 15 -> in.skipNBytes(3);
                    default -> throw new IOException("unknown constant pool tag " + tag + " at entry " + index);
                }
            }
            return strings;
        }

        private static String modifiedUtf8(DataInputStream in) throws IOException {
            // names are ASCII; the rest only needs to be searchable, not exact
            return new String(in.readNBytes(in.readUnsignedShort()), StandardCharsets.UTF_8);
        }
    }
}
