package io.github.jamestlsrpt.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jamestlsrpt.core.read.ReadResult;
import io.github.jamestlsrpt.core.read.ReportReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The report fixtures under src/test/resources/reports (grouped as rfc, real-world-shapes and invalid), and the
 * binary payloads built from them in code: gzip and zip are generated here rather than checked in.
 */
public final class Fixtures {

    public static final String RFC = "rfc";
    public static final String REAL_WORLD_SHAPES = "real-world-shapes";
    public static final String INVALID = "invalid";

    private static final ReportReader READER = new ReportReader();

    private Fixtures() {}

    /** The bytes of a fixture, named "group/file.json". */
    public static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/reports/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every fixture of a group, as "group/file", sorted. */
    public static List<String> names(String group) {
        URL directory = Fixtures.class.getResource("/reports/" + group);
        if (directory == null) {
            throw new IllegalArgumentException("no fixture group " + group);
        }
        try (Stream<Path> files = Files.list(Path.of(directory.toURI()))) {
            return files.filter(Files::isRegularFile)
                    .map(file -> group + "/" + file.getFileName())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every fixture of every group. */
    public static List<String> all() {
        return Stream.of(RFC, REAL_WORLD_SHAPES, INVALID)
                .flatMap(group -> names(group).stream())
                .toList();
    }

    /** Reads a fixture that must give exactly one usable report. */
    public static ReadResult.UsableReport usable(String name) {
        List<ReadResult> results = READER.read(bytes(name));

        assertThat(results).as(name).singleElement().isInstanceOf(ReadResult.UsableReport.class);
        return (ReadResult.UsableReport) results.get(0);
    }

    public static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A zip archive of the given entries, in order. */
    public static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
