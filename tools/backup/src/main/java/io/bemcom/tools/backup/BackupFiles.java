package io.bemcom.tools.backup;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;

import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;

/**
 * The files of the original's {@code simple_db_backup.py}, which both tools read and write:
 * {@code datapoint_metadata_<date>.json.bz2} (the {@code GET /datapoint/} array, indented by four)
 * and {@code <date>/dpdata_<id>_<date>_<value|setpoint|schedule>.json.bz2} (one day of one
 * datapoint's messages, the {@code GET} answer as it came). bzip2-compressed JSON, UTF-8. A file is
 * written under a temporary name and renamed when complete, so an interrupted run never leaves a
 * partial chunk that a resumed one would take as done.
 */
final class BackupFiles {

    static final List<String> TYPES = List.of("value", "setpoint", "schedule");
    private static final Pattern CHUNK = Pattern.compile(
            "dpdata_(\\d+)_(\\d{4}-\\d{2}-\\d{2})_(value|setpoint|schedule)\\.json\\.bz2");
    private static final Pattern METADATA = Pattern.compile("datapoint_metadata_.*\\.json\\.bz2");
    private static final ObjectWriter INDENTED = ApiConnection.JSON.writer().with(
            new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("    ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("    ", "\n")));

    /** One chunk file: a datapoint (its id in the backed-up service), a day, a message type. */
    record Chunk(Path file, long datapoint, LocalDate date, String type) {
    }

    private BackupFiles() {
    }

    static Path metadataFile(Path dir, LocalDate date) {
        return dir.resolve("datapoint_metadata_" + date + ".json.bz2");
    }

    /** The newest metadata file, by name as the original picks it. */
    static Optional<Path> newestMetadata(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> METADATA.matcher(f.getFileName().toString()).matches())
                    .max(Comparator.comparing(f -> f.getFileName().toString()));
        }
    }

    static Path chunkFile(Path dir, long datapoint, LocalDate date, String type) {
        return dir.resolve(date.toString()).resolve("dpdata_" + datapoint + "_" + date + "_" + type + ".json.bz2");
    }

    /** Every chunk file under {@code dir}, ordered by date, datapoint and type. */
    static List<Chunk> chunks(Path dir) throws IOException {
        List<Chunk> chunks = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir, 2)) {
            files.forEach(file -> {
                Matcher m = CHUNK.matcher(file.getFileName().toString());
                if (m.matches()) {
                    chunks.add(new Chunk(file, Long.parseLong(m.group(1)), LocalDate.parse(m.group(2)), m.group(3)));
                }
            });
        }
        chunks.sort(Comparator.comparing(Chunk::date).thenComparingLong(Chunk::datapoint)
                .thenComparing(c -> TYPES.indexOf(c.type())));
        return chunks;
    }

    static void write(Path file, JsonNode json, boolean indented) {
        Path part = file.resolveSibling(file.getFileName() + ".part");
        try {
            Files.createDirectories(file.getParent());
            try (OutputStream out = new BZip2CompressorOutputStream(new BufferedOutputStream(Files.newOutputStream(part)))) {
                if (indented) {
                    INDENTED.writeValue(out, json);
                } else {
                    ApiConnection.JSON.writeValue(out, json);
                }
            }
            Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static JsonNode read(Path file) {
        try (InputStream in = new BZip2CompressorInputStream(new BufferedInputStream(Files.newInputStream(file)), true)) {
            return ApiConnection.JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
