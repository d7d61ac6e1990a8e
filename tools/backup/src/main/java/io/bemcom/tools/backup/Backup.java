package io.bemcom.tools.backup;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import tools.jackson.databind.JsonNode;

/**
 * Backs up an api-service over REST: the active datapoints' metadata, then for every day, datapoint
 * and message type one chunk ({@code GET /datapoint/<id>/<type>/} for that UTC day), in parallel.
 * Chunks that exist already are skipped, so a run that was interrupted goes on where it stopped.
 */
final class Backup {

    private final ApiConnection api;
    private final Path dir;
    private final LocalDate start;
    private final LocalDate end;
    private final int workers;
    private final PrintStream out;
    private final boolean terminal;

    Backup(ApiConnection api, Path dir, LocalDate start, LocalDate end, int workers, PrintStream out, boolean terminal) {
        this.api = api;
        this.dir = dir;
        this.start = start;
        this.end = end;
        this.workers = workers;
        this.out = out;
        this.terminal = terminal;
    }

    /** Runs it; the number of messages written. */
    long run() throws IOException, InterruptedException {
        ApiConnection.Answer list = api.get("datapoint/");
        if (list.status() != 200 || list.body() == null || !list.body().isArray()) {
            throw new BackupException("GET datapoint/ answered " + list.status() + ": " + list.text());
        }
        JsonNode metadata = list.body();
        BackupFiles.write(BackupFiles.metadataFile(dir, LocalDate.now(ZoneOffset.UTC)), metadata, true);
        List<Long> ids = new ArrayList<>();
        metadata.forEach(d -> ids.add(d.path("id").longValue()));
        List<String> types = availableTypes(ids);
        out.printf("Backing up %d datapoints (%s) from %s to %s into %s%n", ids.size(), String.join(", ", types),
                start, end, dir.toAbsolutePath());

        List<Runnable> tasks = new ArrayList<>();
        long days = end.toEpochDay() - start.toEpochDay() + 1;
        Progress progress = new Progress("backup", days * ids.size() * types.size(), out, terminal, System::nanoTime);
        for (LocalDate date = start; !date.isAfter(end); date = date.plusDays(1)) {
            for (long id : ids) {
                for (String type : types) {
                    LocalDate day = date;
                    tasks.add(() -> chunk(id, day, type, progress));
                }
            }
        }
        runAll(tasks, workers);
        progress.finish();
        out.printf("Backup done: %,d messages in %.1f s (%,.0f values/s)%s.%n", progress.values(), progress.seconds(),
                progress.rate(), progress.skippedChunks() > 0
                        ? String.format(", %,d chunks were there already", progress.skippedChunks()) : "");
        return progress.values();
    }

    /** value always; setpoint and schedule only where the service has the control extension (else 404). */
    private List<String> availableTypes(List<Long> ids) throws IOException, InterruptedException {
        List<String> types = new ArrayList<>(List.of("value"));
        if (!ids.isEmpty()) {
            for (String type : List.of("setpoint", "schedule")) {
                int status = api.get("datapoint/" + ids.get(0) + "/" + type + "/?timestamp__gte=0&timestamp__lt=1").status();
                if (status == 200) {
                    types.add(type);
                } else {
                    out.printf("No %s history (GET answered %d: the control extension is off); skipped.%n", type, status);
                }
            }
        }
        return types;
    }

    private void chunk(long id, LocalDate date, String type, Progress progress) {
        Path file = BackupFiles.chunkFile(dir, id, date, type);
        if (Files.exists(file)) {
            progress.skipped();
            return;
        }
        long from = date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        long to = date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        String path = "datapoint/" + id + "/" + type + "/?timestamp__gte=" + from + "&timestamp__lt=" + to;
        try {
            ApiConnection.Answer answer = api.get(path);
            if (answer.status() != 200 || answer.body() == null || !answer.body().isArray()) {
                throw new BackupException("GET " + path + " answered " + answer.status() + ": " + abbreviate(answer.text()));
            }
            BackupFiles.write(file, answer.body(), false);
            progress.transferred(answer.body().size());
        } catch (IOException e) {
            throw new BackupException("GET " + path + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackupException("interrupted");
        }
    }

    /** Runs the tasks on {@code workers} threads; the first failure stops the rest and is thrown. */
    static void runAll(List<Runnable> tasks, int workers) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, workers));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Runnable task : tasks) {
                futures.add(pool.submit(task));
            }
            for (Future<?> future : futures) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    pool.shutdownNow();
                    if (e.getCause() instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    throw new BackupException(e.getCause().toString());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static String abbreviate(String text) {
        return text == null || text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
