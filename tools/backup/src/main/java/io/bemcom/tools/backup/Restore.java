package io.bemcom.tools.backup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Restores a backup — ours or the original script's — into an api-service over REST: the newest
 * metadata file's datapoints first (updated with {@code PUT /datapoint/}; created with
 * {@code POST /datapoint/} when missing and {@code -f} is given; active, as they were when backed
 * up), then every chunk with {@code PUT /datapoint/<new id>/<type>/} in batches, each checked
 * afterwards by reading the same time span back. Value strings go back exactly as they were read
 * (the original script decoded and encoded them again, which turned text into doubly encoded text
 * that text datapoints refuse). Chunks restored and checked are noted in a file in the backup
 * folder, so an interrupted restore goes on where it stopped.
 */
final class Restore {

    static final int BATCH = 10_000;

    private final ApiConnection api;
    private final Path dir;
    private final LocalDate start;
    private final LocalDate end;
    private final boolean create;
    private final boolean yes;
    private final int workers;
    private final PrintStream out;
    private final boolean terminal;
    private final AtomicLong created = new AtomicLong();
    private final AtomicLong updated = new AtomicLong();
    private final AtomicLong mismatches = new AtomicLong();

    Restore(ApiConnection api, Path dir, LocalDate start, LocalDate end, boolean create, boolean yes, int workers,
            PrintStream out, boolean terminal) {
        this.api = api;
        this.dir = dir;
        this.start = start;
        this.end = end;
        this.create = create;
        this.yes = yes;
        this.workers = workers;
        this.out = out;
        this.terminal = terminal;
    }

    /** Runs it; the number of messages that differ after restoring (0: all restored as read). */
    long run() throws IOException, InterruptedException {
        Path metadataFile = BackupFiles.newestMetadata(dir)
                .orElseThrow(() -> new BackupException("no datapoint_metadata_*.json.bz2 in " + dir.toAbsolutePath()));
        JsonNode metadata = BackupFiles.read(metadataFile);
        Set<String> connectors = new TreeSet<>();
        metadata.forEach(d -> connectors.add(d.path("connector").path("name").asString()));
        out.printf("Restoring %d datapoints of %d connectors (%s) from %s into %s%n", metadata.size(), connectors.size(),
                String.join(", ", connectors), metadataFile.getFileName(), api.base());
        if (!yes && !confirm()) {
            throw new BackupException("not confirmed; nothing restored");
        }
        Map<Long, Long> ids = datapoints(metadata);

        Path doneFile = dir.resolve(".restore-done-" + api.base().replaceAll("[^A-Za-z0-9]+", "_"));
        Set<String> done = ConcurrentHashMap.newKeySet();
        if (Files.exists(doneFile)) {
            done.addAll(Files.readAllLines(doneFile, StandardCharsets.UTF_8));
        }
        List<BackupFiles.Chunk> chunks = new ArrayList<>();
        for (BackupFiles.Chunk chunk : BackupFiles.chunks(dir)) {
            if ((start == null || !chunk.date().isBefore(start)) && (end == null || !chunk.date().isAfter(end))
                    && ids.containsKey(chunk.datapoint())) {
                chunks.add(chunk);
            }
        }
        Progress progress = new Progress("restore", chunks.size(), out, terminal, System::nanoTime);
        List<Runnable> tasks = new ArrayList<>();
        for (BackupFiles.Chunk chunk : chunks) {
            String key = dir.relativize(chunk.file()).toString();
            tasks.add(() -> {
                if (done.contains(key)) {
                    progress.skipped();
                    return;
                }
                long messages = restore(chunk, ids.get(chunk.datapoint()));
                synchronized (done) {
                    try {
                        Files.writeString(doneFile, key + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                                StandardOpenOption.APPEND);
                    } catch (IOException e) {
                        throw new BackupException("cannot write " + doneFile + ": " + e.getMessage());
                    }
                }
                progress.transferred(messages);
            });
        }
        Backup.runAll(tasks, workers);
        progress.finish();
        out.printf("Restore done: %,d messages in %.1f s (%,.0f values/s): %,d created, %,d updated, %,d differ after restoring%s.%n",
                progress.values(), progress.seconds(), progress.rate(), created.get(), updated.get(), mismatches.get(),
                progress.skippedChunks() > 0 ? String.format(", %,d chunks were restored before", progress.skippedChunks()) : "");
        return mismatches.get();
    }

    private boolean confirm() throws IOException {
        if (System.console() == null) {
            throw new BackupException("restore needs a confirmation: answer on a terminal, or give -y");
        }
        out.print("Restore into " + api.base() + "? [y/N] ");
        out.flush();
        String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        return answer != null && answer.trim().equalsIgnoreCase("y");
    }

    /** Old id → id in the target, for every datapoint that could be updated or created. */
    private Map<Long, Long> datapoints(JsonNode metadata) throws IOException, InterruptedException {
        Map<Long, JsonNode> sorted = new TreeMap<>();
        metadata.forEach(d -> sorted.put(d.path("id").longValue(), d));
        Map<Long, Long> ids = new TreeMap<>();
        int skipped = 0;
        for (Map.Entry<Long, JsonNode> entry : sorted.entrySet()) {
            ObjectNode item = (ObjectNode) entry.getValue().deepCopy();
            item.remove("id");
            item.put("is_active", true);
            ArrayNode body = ApiConnection.JSON.createArrayNode().add(item);
            ApiConnection.Answer answer = api.put("datapoint/", body);
            if (answer.status() != 200 && create) {
                ApiConnection.Answer posted = api.post("datapoint/", body);
                if (posted.status() == 201) {
                    answer = posted;
                } else {
                    out.printf("Datapoint %d (%s) could not be created: %d %s%n", entry.getKey(), describe(item),
                            posted.status(), Backup.abbreviate(posted.text()));
                }
            }
            if (answer.ok() && answer.body() != null && answer.body().isArray() && answer.body().size() == 1) {
                ids.put(entry.getKey(), answer.body().get(0).path("id").longValue());
            } else if (answer.status() != 201) {
                skipped++;
                out.printf("Datapoint %d (%s) skipped, with its messages: %d %s%s%n", entry.getKey(), describe(item),
                        answer.status(), Backup.abbreviate(answer.text()), create ? "" : " (-f creates missing datapoints)");
            }
        }
        out.printf("%d datapoints ready%s.%n", ids.size(), skipped > 0 ? ", " + skipped + " skipped" : "");
        return ids;
    }

    private static String describe(JsonNode item) {
        return item.path("connector").path("name").asString() + " / " + item.path("key_in_connector").asString();
    }

    /** PUTs one chunk in batches and checks it by reading it back; the number of messages. */
    private long restore(BackupFiles.Chunk chunk, long target) {
        JsonNode messages = BackupFiles.read(chunk.file());
        if (!messages.isArray()) {
            throw new BackupException(chunk.file() + " holds no list of messages");
        }
        if (messages.isEmpty()) {
            return 0;
        }
        String path = "datapoint/" + target + "/" + chunk.type() + "/";
        ArrayNode normalised = ApiConnection.JSON.createArrayNode();
        long from = Long.MAX_VALUE;
        long to = Long.MIN_VALUE;
        for (JsonNode message : messages) {
            ObjectNode copy = (ObjectNode) message.deepCopy();
            if (chunk.type().equals("value") && !copy.path("value").isString()) {
                // A value that is no JSON text (a file from elsewhere): as the service reads it, its JSON text.
                copy.put("value", ApiConnection.JSON.writeValueAsString(copy.path("value")));
            }
            normalised.add(copy);
            from = Math.min(from, copy.path("timestamp").longValue());
            to = Math.max(to, copy.path("timestamp").longValue());
        }
        try {
            for (int i = 0; i < normalised.size(); i += BATCH) {
                ArrayNode batch = ApiConnection.JSON.createArrayNode();
                for (int j = i; j < Math.min(normalised.size(), i + BATCH); j++) {
                    batch.add(normalised.get(j));
                }
                ApiConnection.Answer answer = api.put(path, batch);
                if (answer.status() != 200 || answer.body() == null) {
                    throw new BackupException("PUT " + path + " (" + chunk.file().getFileName() + ") answered "
                            + answer.status() + ": " + Backup.abbreviate(answer.text()));
                }
                created.addAndGet(answer.body().path("msgs_created").longValue());
                updated.addAndGet(answer.body().path("msgs_updated").longValue());
            }
            ApiConnection.Answer read = api.get(path + "?timestamp__gte=" + from + "&timestamp__lte=" + to);
            if (read.status() != 200 || read.body() == null) {
                throw new BackupException("GET " + path + " answered " + read.status() + ": " + Backup.abbreviate(read.text()));
            }
            Map<Long, JsonNode> stored = Messages.byTimestamp(read.body());
            Set<Long> reported = new HashSet<>();
            for (JsonNode message : normalised) {
                long timestamp = message.path("timestamp").longValue();
                JsonNode back = stored.get(timestamp);
                if (!Messages.same(message, back)) {
                    mismatches.incrementAndGet();
                    if (reported.size() < 3 && reported.add(timestamp)) {
                        out.printf("%nDiffers after restoring %s: %s read back as %s%n", chunk.file().getFileName(),
                                message, back);
                    }
                }
            }
        } catch (IOException e) {
            throw new BackupException(path + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackupException("interrupted");
        }
        return normalised.size();
    }
}
