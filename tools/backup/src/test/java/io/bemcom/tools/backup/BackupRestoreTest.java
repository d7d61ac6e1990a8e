package io.bemcom.tools.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.bemcom.testsupport.TestDatabase;
import io.bemcom.testsupport.TestDatabases;
import io.bemcom.testsupport.TestNames;
import io.bemcom.tools.localrunner.ApiClient;
import tools.jackson.databind.JsonNode;

/**
 * The backup tool against two running api-services (processes from the service's jar): one on
 * PostgreSQL holding a few thousand messages of every kind, one on SQLite, empty. Backup from the
 * first, resume after a loss, restore into the second (creating the datapoints), resume the restore,
 * back up the second again and find the same messages; restore the original script's files.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackupRestoreTest {

    private static final LocalDate FIRST = LocalDate.of(2026, 3, 1);
    private static final int DAYS = 3;

    private static TestDatabase database;
    private static ApiServices.Running postgres;
    private static ApiServices.Running sqlite;
    private static String connector;
    private static Map<String, Long> sourceIds;
    private static long messages;
    private static Path backup;

    @BeforeAll
    static void start() throws Exception {
        Path work = Path.of("target/backup-test").toAbsolutePath();
        database = TestDatabases.create();
        postgres = ApiServices.start("api-postgres", database, work, "256m", System.out);
        sqlite = ApiServices.start("api-sqlite", null, work, "256m", System.out);
        ApiServices.await(postgres);
        ApiServices.await(sqlite);
        connector = TestNames.unique("backup-conn");
        sourceIds = Fixture.create(postgres.client(), connector);
        messages = Fixture.fill(postgres.client(), sourceIds, FIRST, DAYS, 1000);
        backup = Files.createTempDirectory(work.getParent().resolve(""), "backup-");
    }

    @AfterAll
    static void stop() {
        for (ApiServices.Running api : new ApiServices.Running[] {postgres, sqlite}) {
            if (api != null) {
                api.stop();
            }
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    @Order(1)
    void backsUpEveryDayDatapointAndTypeIntoTheOriginalsFiles() throws Exception {
        Result result = run("-b", "-t", postgres.url(), "-u", ApiServices.USER, "-p", ApiServices.PASSWORD,
                "-s", FIRST.toString(), "-e", FIRST.plusDays(DAYS).toString(), "-d", backup.toString(), "-w", "3");
        assertThat(result.code()).as(result.output()).isZero();
        assertThat(result.output()).contains("Backup done: " + String.format("%,d", messages) + " messages");
        // Not a terminal: plain progress lines, no bar.
        assertThat(result.output()).contains("backup 100% 60/60 chunks").doesNotContain("[#");

        assertThat(BackupFiles.newestMetadata(backup)).isPresent();
        JsonNode metadata = BackupFiles.read(BackupFiles.newestMetadata(backup).get());
        assertThat(metadata).hasSize(5);
        assertThat(BackupFiles.chunks(backup)).hasSize((DAYS + 1) * 5 * 3);
        JsonNode texts = BackupFiles.read(BackupFiles.chunkFile(backup, sourceIds.get("state"), FIRST, "value"));
        assertThat(texts.get(1).path("value").stringValue()).isEqualTo("\"say \\\"hi\\\"\"");
        assertThat(BackupFiles.read(BackupFiles.chunkFile(backup, sourceIds.get("temp"), FIRST, "value"))).hasSize(1000);
        assertThat(BackupFiles.read(BackupFiles.chunkFile(backup, sourceIds.get("temp"), FIRST.plusDays(DAYS), "value"))).isEmpty();
    }

    @Test
    @Order(2)
    void aBackupInterruptedGoesOnWhereItStopped() throws Exception {
        Path lost = BackupFiles.chunkFile(backup, sourceIds.get("temp"), FIRST.plusDays(1), "value");
        Files.delete(lost);
        // A chunk being written when the run was stopped: never taken as done.
        Files.writeString(lost.resolveSibling(lost.getFileName() + ".part"), "BZh");
        Result result = run("-b", "-t", postgres.url(), "-u", ApiServices.USER, "-p", ApiServices.PASSWORD,
                "-s", FIRST.toString(), "-e", FIRST.plusDays(DAYS).toString(), "-d", backup.toString());
        assertThat(result.code()).as(result.output()).isZero();
        assertThat(result.output()).contains("Backup done: 1,000 messages").contains("59 chunks were there already");
        assertThat(BackupFiles.read(lost)).hasSize(1000);
    }

    @Test
    @Order(3)
    void restoresIntoAnEmptyServiceOnSqliteAndChecksEveryMessage() throws Exception {
        Result refused = run("-r", "-t", sqlite.url(), "-u", ApiServices.USER, "-p", ApiServices.PASSWORD, "-d", backup.toString());
        assertThat(refused.code()).as("no terminal to confirm on, no -y").isEqualTo(4);

        Result result = run("-r", "-t", sqlite.url(), "-u", ApiServices.USER, "-p", ApiServices.PASSWORD,
                "-d", backup.toString(), "-f", "-y");
        assertThat(result.code()).as(result.output()).isZero();
        assertThat(result.output()).contains("5 datapoints ready").contains(String.format("%,d created", messages))
                .contains(" 0 differ after restoring");
        assertSameHistories(postgres.client(), sqlite.client());

        // Resumed: nothing is sent again.
        Result again = run("-r", "-t", sqlite.url(), "-u", ApiServices.USER, "-p", ApiServices.PASSWORD,
                "-d", backup.toString(), "-f", "-y");
        assertThat(again.code()).as(again.output()).isZero();
        assertThat(again.output()).contains("Restore done: 0 messages").contains("60 chunks were restored before");
    }

    @Test
    @Order(4)
    void aBackupOfTheRestoredServiceHoldsTheSameMessages() throws Exception {
        Path second = Files.createTempDirectory(backup.getParent(), "backup-sqlite-");
        Result result = run("-b", "-t", sqlite.url(), "-u", ApiServices.USER, "-p", ApiServices.PASSWORD,
                "-s", FIRST.toString(), "-e", FIRST.plusDays(DAYS).toString(), "-d", second.toString());
        assertThat(result.code()).as(result.output()).isZero();
        assertThat(result.output()).contains("Backup done: " + String.format("%,d", messages) + " messages");
        Map<Long, Long> targetIds = ids(sqlite.client());
        for (BackupFiles.Chunk chunk : BackupFiles.chunks(backup)) {
            JsonNode original = BackupFiles.read(chunk.file());
            JsonNode again = BackupFiles.read(BackupFiles.chunkFile(second, targetIds.get(chunk.datapoint()), chunk.date(), chunk.type()));
            assertThat(Messages.same(original, again)).as(chunk.file().toString()).isTrue();
        }
    }

    @Test
    @Order(5)
    void restoresTheOriginalScriptsFilesWithTextValuesIntact() throws Exception {
        Path original = Files.createTempDirectory(backup.getParent(), "backup-original-");
        String name = TestNames.unique("original-conn");
        // As the original's simple_db_backup.py writes them (json.dump, indent 4, bz2; its API's value strings).
        BackupFiles.write(original.resolve("datapoint_metadata_2021-08-02.json.bz2"), ApiClient.JSON.readTree("""
                [{"id": 7, "connector": {"name": "%s"}, "key_in_connector": "status", "type": "sensor",
                  "data_format": "generic_text", "short_name": null, "description": "", "min_value": null,
                  "max_value": null, "allowed_values": null, "unit": ""},
                 {"id": 8, "connector": {"name": "%s"}, "key_in_connector": "power", "type": "sensor",
                  "data_format": "generic_numeric", "short_name": null, "description": "", "min_value": null,
                  "max_value": null, "allowed_values": null, "unit": "W"}]""".formatted(name, name)), true);
        LocalDate day = LocalDate.of(2021, 8, 1);
        BackupFiles.write(BackupFiles.chunkFile(original, 7, day, "value"), ApiClient.JSON.readTree(
                "[{\"value\": \"\\\"ok\\\"\", \"timestamp\": 1627776000000}, {\"value\": \"\\\"3.5\\\"\", \"timestamp\": 1627776060000}]"),
                true);
        BackupFiles.write(BackupFiles.chunkFile(original, 8, day, "value"), ApiClient.JSON.readTree(
                "[{\"value\": \"1500.0\", \"timestamp\": 1627776000000}, {\"value\": \"null\", \"timestamp\": 1627776060000}]"), true);
        BackupFiles.write(BackupFiles.chunkFile(original, 8, day, "schedule"), ApiClient.JSON.readTree("[]"), true);

        Result result = run("-r", "-t", postgres.url(), "-u", ApiServices.USER, "-p", ApiServices.PASSWORD,
                "-d", original.toString(), "-f", "-y");
        assertThat(result.code()).as(result.output()).isZero();
        assertThat(result.output()).contains("4 created").contains(" 0 differ");
        long status = 0;
        long power = 0;
        for (JsonNode datapoint : postgres.client().get("datapoint/?connector__name=" + name).json()) {
            if (datapoint.path("key_in_connector").stringValue().equals("status")) {
                status = datapoint.path("id").longValue();
            } else {
                power = datapoint.path("id").longValue();
            }
        }
        // The text comes back as it was: "ok", not "\"ok\"" (the original script's restore double-encodes).
        JsonNode texts = Fixture.history(postgres.client(), status, "value");
        assertThat(texts.get(0).path("value").stringValue()).isEqualTo("\"ok\"");
        assertThat(texts.get(1).path("value").stringValue()).isEqualTo("\"3.5\"");
        JsonNode numbers = Fixture.history(postgres.client(), power, "value");
        assertThat(numbers.get(0).path("value").stringValue()).isEqualTo("1500.0");
        assertThat(numbers.get(1).path("value").stringValue()).isEqualTo("null");
    }

    @Test
    @Order(6)
    void pythonReadsTheFilesAsTheOriginalScriptDoes() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(python), "python3 is not installed");
        // simple_db_backup.py: json.load(bz2.open(...)) for the metadata and every chunk.
        Process process = new ProcessBuilder(python.toString(), "-c", """
                import bz2, glob, json, sys
                d = sys.argv[1]
                meta = json.load(bz2.open(sorted(glob.glob(d + '/datapoint_metadata_*.json.bz2'))[-1]))
                n = sum(len(json.load(bz2.open(f))) for f in glob.glob(d + '/*/dpdata_*_*_*.json.bz2'))
                print(len(meta), n)
                """, backup.toString()).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(output).isEqualTo("5 " + messages);
    }

    // --- helpers

    private static void assertSameHistories(ApiClient source, ApiClient target) throws Exception {
        Map<Long, Long> targetIds = ids(target);
        for (long id : sourceIds.values()) {
            for (String type : BackupFiles.TYPES) {
                JsonNode read = Fixture.history(source, id, type);
                JsonNode restored = Fixture.history(target, targetIds.get(id), type);
                assertThat(restored.size()).as(id + " " + type).isEqualTo(read.size());
                assertThat(Messages.same(read, restored)).as(id + " " + type).isTrue();
            }
        }
        // Text exactly as read, not merely "the same".
        JsonNode texts = Fixture.history(target, targetIds.get(sourceIds.get("state")), "value");
        List<String> values = new ArrayList<>();
        texts.forEach(t -> values.add(ApiClient.JSON.readTree(t.path("value").stringValue()).stringValue()));
        assertThat(values).contains(Fixture.TEXTS);
    }

    /** Source id → target id, by connector and key. */
    private static Map<Long, Long> ids(ApiClient target) throws Exception {
        Map<Long, Long> map = new java.util.HashMap<>();
        JsonNode list = target.get("datapoint/?connector__name=" + connector).json();
        for (Map.Entry<String, Long> source : sourceIds.entrySet()) {
            for (JsonNode datapoint : list) {
                if (datapoint.path("key_in_connector").stringValue().equals(source.getKey())) {
                    map.put(source.getValue(), datapoint.path("id").longValue());
                }
            }
        }
        assertThat(map).hasSize(sourceIds.size());
        return map;
    }

    record Result(int code, String output) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int code = BackupMain.run(args, out, Map.of());
        String output = bytes.toString(StandardCharsets.UTF_8);
        System.out.println(output);
        return new Result(code, output);
    }
}
