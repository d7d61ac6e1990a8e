package io.bemcom.tools.backup;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Progress of a run over chunks: on a terminal a bar redrawn in place with the share done, the
 * values per second and the time left; otherwise (a log, a pipe) a plain line every few seconds.
 * Rate and ETA count only the chunks this run transfers, not those a resumed run skips.
 */
final class Progress {

    private static final long TERMINAL_REDRAW_NANOS = 200_000_000L;
    private static final long LINE_EVERY_NANOS = 5_000_000_000L;
    private static final int WIDTH = 30;

    private final String what;
    private final long total;
    private final PrintStream out;
    private final boolean terminal;
    private final LongSupplier clock;
    private final long started;
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong values = new AtomicLong();
    private long lastPrint;

    Progress(String what, long total, PrintStream out, boolean terminal, LongSupplier clock) {
        this.what = what;
        this.total = total;
        this.out = out;
        this.terminal = terminal;
        this.clock = clock;
        this.started = clock.getAsLong();
        this.lastPrint = started;
    }

    /** Whether standard output is an interactive terminal (not a file, a pipe or a dumb terminal). */
    static boolean stdoutIsTerminal() {
        return System.console() != null && !"dumb".equals(System.getenv("TERM"));
    }

    /** A chunk was transferred with this many messages. */
    void transferred(long messages) {
        done.incrementAndGet();
        values.addAndGet(messages);
        maybePrint();
    }

    /** A chunk was there already (resumed run). */
    void skipped() {
        done.incrementAndGet();
        skipped.incrementAndGet();
        maybePrint();
    }

    long values() {
        return values.get();
    }

    long skippedChunks() {
        return skipped.get();
    }

    double seconds() {
        return (clock.getAsLong() - started) / 1e9;
    }

    /** Messages per second so far. */
    double rate() {
        double seconds = seconds();
        return seconds <= 0 ? 0 : values.get() / seconds;
    }

    void finish() {
        synchronized (this) {
            print(true);
        }
    }

    private void maybePrint() {
        long now = clock.getAsLong();
        synchronized (this) {
            if (now - lastPrint >= (terminal ? TERMINAL_REDRAW_NANOS : LINE_EVERY_NANOS) && done.get() < total) {
                lastPrint = now;
                print(false);
            }
        }
    }

    /** The status text, e.g. {@code backup [#####.....] 50% 60/120 chunks, 30,000 values, 1,200 values/s, ETA 0:00:25}. */
    String status() {
        long d = done.get();
        double share = total == 0 ? 1 : (double) d / total;
        double seconds = seconds();
        long transferred = d - skipped.get();
        long remaining = total - d;
        String eta = transferred == 0 || seconds <= 0 ? "-" : clock((long) (remaining * seconds / transferred));
        StringBuilder text = new StringBuilder(what).append(' ');
        if (terminal) {
            int filled = (int) Math.round(share * WIDTH);
            text.append('[').append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ");
        }
        text.append(String.format(Locale.ROOT, "%3d%% %,d/%,d chunks, %,d values, %,.0f values/s, ETA %s",
                (int) Math.floor(share * 100), d, total, values.get(), rate(), eta));
        if (skipped.get() > 0) {
            text.append(String.format(Locale.ROOT, " (%,d done before)", skipped.get()));
        }
        return text.toString();
    }

    private void print(boolean last) {
        if (terminal) {
            out.print("\r" + status() + (last ? "\n" : ""));
            out.flush();
        } else {
            out.println(status());
        }
    }

    static String clock(long seconds) {
        return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
}
