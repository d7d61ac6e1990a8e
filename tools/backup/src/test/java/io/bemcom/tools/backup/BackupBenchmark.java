package io.bemcom.tools.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import io.bemcom.testsupport.TestDatabase;
import io.bemcom.testsupport.TestDatabases;
import io.bemcom.testsupport.TestNames;
import io.bemcom.tools.localrunner.ApiClient;

/**
 * Opt-in (BEMCOM_BENCH=1): 1,000,000 values backed up from an api-service on PostgreSQL and restored
 * into one on PostgreSQL and one on SQLite; prints the rates and the services' resident memory
 * (docs/benchmarks.md, "Backup and restore").
 *
 * <pre>
 * BEMCOM_BENCH=1 mvn -B verify -pl tools/backup -am -Dsurefire.failIfNoSpecifiedTests=false -Dtest=BackupBenchmark
 * </pre>
 */
@EnabledIfEnvironmentVariable(named = "BEMCOM_BENCH", matches = "1")
class BackupBenchmark {

    private static final int DATAPOINTS = 20;
    private static final int DAYS = 10;
    private static final int PER_DAY = 5_000;
    private static final Pattern RATE = Pattern.compile("done: ([\\d,]+) messages in ([\\d.]+) s \\(([\\d,]+) values/s\\)");

    @Test
    void oneMillionValues() throws Exception {
        Path work = Path.of("target/backup-bench").toAbsolutePath();
        TestDatabase sourceDb = TestDatabases.create();
        TestDatabase targetDb = TestDatabases.create();
        ApiServices.Running source = ApiServices.start("bench-source", sourceDb, work, "512m", System.out);
        ApiServices.Running target = ApiServices.start("bench-target-pg", targetDb, work, "512m", System.out);
        ApiServices.Running sqlite = ApiServices.start("bench-target-sqlite", null, work, "512m", System.out);
        StringBuilder report = new StringBuilder();
        try {
            ApiServices.await(source);
            ApiServices.await(target);
            ApiServices.await(sqlite);
            ApiClient api = source.client();
            String connector = TestNames.unique("bench-conn");
            StringBuilder body = new StringBuilder("[");
            for (int d = 0; d < DATAPOINTS; d++) {
                body.append(d == 0 ? "" : ",").append("{\"connector\": {\"name\": \"").append(connector)
                        .append("\"}, \"key_in_connector\": \"k").append(d)
                        .append("\", \"type\": \"sensor\", \"data_format\": \"generic_numeric\", \"is_active\": true}");
            }
            ApiClient.Response created = api.post("datapoint/", ApiClient.JSON.readTree(body.append(']').toString()));
            assertThat(created.status()).isEqualTo(201);
            LocalDate first = LocalDate.of(2026, 1, 1);
            long fill = System.nanoTime();
            for (var datapoint : created.json()) {
                long id = datapoint.path("id").longValue();
                for (int day = 0; day < DAYS; day++) {
                    long start = first.plusDays(day).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
                    StringBuilder values = new StringBuilder("[");
                    for (int i = 0; i < PER_DAY; i++) {
                        values.append(i == 0 ? "" : ",").append("{\"value\": \"").append(20 + i % 1000 / 100.0)
                                .append("\", \"timestamp\": ").append(start + i * 17_000L).append('}');
                    }
                    assertThat(api.put("datapoint/" + id + "/value/", ApiClient.JSON.readTree(values.append(']').toString()))
                            .status()).isEqualTo(200);
                }
            }
            report.append(String.format(Locale.ROOT, "filled %,d values with PUT in %.1f s%n",
                    DATAPOINTS * DAYS * PER_DAY, (System.nanoTime() - fill) / 1e9));
            Path dir = Files.createTempDirectory(work, "backup-");
            String last = first.plusDays(DAYS - 1).toString();
            report.append("backup from PostgreSQL: ").append(run(report, "-b", "-t", source.url(), "-u", ApiServices.USER,
                    "-p", ApiServices.PASSWORD, "-s", first.toString(), "-e", last, "-d", dir.toString())).append('\n');
            report.append(String.format(Locale.ROOT, "backup size: %,d bytes%n", size(dir)));
            report.append("restore into PostgreSQL: ").append(run(report, "-r", "-t", target.url(), "-u", ApiServices.USER,
                    "-p", ApiServices.PASSWORD, "-d", dir.toString(), "-f", "-y")).append('\n');
            report.append("restore into SQLite: ").append(run(report, "-r", "-t", sqlite.url(), "-u", ApiServices.USER,
                    "-p", ApiServices.PASSWORD, "-d", dir.toString(), "-f", "-y")).append('\n');
            for (ApiServices.Running api2 : new ApiServices.Running[] {source, target, sqlite}) {
                report.append(api2.process().name()).append(" VmRSS: ").append(rss(api2.process().pid())).append('\n');
            }
        } finally {
            System.out.println("==== BEMCom backup benchmark\n" + report);
            Files.writeString(Path.of("target/backup-benchmark.txt"), report.toString());
            source.stop();
            target.stop();
            sqlite.stop();
            sourceDb.close();
            targetDb.close();
        }
    }

    private static String run(StringBuilder report, String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = BackupMain.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8), Map.of());
        String output = bytes.toString(StandardCharsets.UTF_8);
        System.out.println(output);
        assertThat(code).as(output).isZero();
        Matcher m = RATE.matcher(output);
        assertThat(m.find()).as(output).isTrue();
        return m.group(1) + " messages in " + m.group(2) + " s = " + m.group(3) + " values/s";
    }

    private static long size(Path dir) throws Exception {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private static String rss(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS")) {
                return line.substring(6).trim();
            }
        }
        return "?";
    }
}
