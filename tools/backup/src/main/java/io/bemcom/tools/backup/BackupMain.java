package io.bemcom.tools.backup;

import java.io.Console;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar backup-tool.jar -b|-r -t <url> [-u <user>] [-p <password>] -s <date> [-e <date>] -d <dir> [-y] [-f] [-w <n>]}:
 * the options of the original's {@code simple_db_backup.py}. Exit codes as the original where it
 * had them: 0 done, 1 bad arguments or folder, 2 service not reachable or refusing, 3 restored
 * messages differ from the backup, 4 any other failure during the run.
 */
public final class BackupMain {

    static final String USAGE = """
            Usage: java -jar backup-tool.jar (-b | -r) -t URL [-u USER] [-p PASSWORD] [-s DATE] [-e DATE] -d DIR [-y] [-f] [-w N]
              -b, --backup                    back up metadata and value/setpoint/schedule history
              -r, --restore                   restore from the newest metadata file and all chunk files in DIR
              -t, --target-url URL            the api-service, e.g. http://localhost:8080 (with its ROOT_PATH)
              -u, --username USER             HTTP Basic user (no authentication without it)
              -p, --password PASSWORD         its password; else BEMCOM_API_PASSWORD, else asked on the terminal
              -s, --start-date DATE           first day (UTC, YYYY-MM-DD); required for a backup
              -e, --end-date DATE             last day, inclusive; backup default: yesterday (UTC); restore: all
              -d, --data-directory DIR        the backup folder (must exist)
              -y, --yes                       restore without asking
              -f, --force-datapoint-creation  restore: create datapoints the target does not have
              -w, --worker-process-number N   parallel requests (default 4)
            """;

    private BackupMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.getenv()));
    }

    static int run(String[] args, PrintStream out, Map<String, String> env) {
        Options options;
        try {
            options = Options.parse(args, env);
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            out.print(USAGE);
            return 1;
        }
        if (!Files.isDirectory(options.dir)) {
            out.println("The data directory " + options.dir.toAbsolutePath() + " does not exist.");
            return 1;
        }
        ApiConnection api = new ApiConnection(options.url, options.username, options.password);
        try {
            ApiConnection.Answer check = api.probe("datapoint/");
            if (check.status() != 200) {
                out.println("GET " + api.base() + "datapoint/ answered " + check.status() + ": " + Backup.abbreviate(check.text()));
                return 2;
            }
        } catch (Exception e) {
            out.println("Cannot reach " + api.base() + ": " + e.getMessage());
            return 2;
        }
        boolean terminal = Progress.stdoutIsTerminal();
        try {
            if (options.backup) {
                new Backup(api, options.dir, options.start, options.end, options.workers, out, terminal).run();
                return 0;
            }
            long differing = new Restore(api, options.dir, options.start, options.end, options.force, options.yes,
                    options.workers, out, terminal).run();
            return differing == 0 ? 0 : 3;
        } catch (BackupException e) {
            out.println();
            out.println("Failed: " + e.getMessage());
            return 4;
        } catch (Exception e) {
            out.println();
            out.println("Failed: " + e);
            return 4;
        }
    }

    /** The command line. */
    static final class Options {
        boolean backup;
        boolean restore;
        String url;
        String username;
        String password;
        LocalDate start;
        LocalDate end;
        Path dir;
        boolean yes;
        boolean force;
        int workers = 4;

        static Options parse(String[] args, Map<String, String> env) {
            Options o = new Options();
            Deque<String> rest = new ArrayDeque<>(List.of(args));
            while (!rest.isEmpty()) {
                String arg = rest.poll();
                switch (arg) {
                    case "-b", "--backup" -> o.backup = true;
                    case "-r", "--restore" -> o.restore = true;
                    case "-t", "--target-url" -> o.url = value(arg, rest);
                    case "-u", "--username" -> o.username = value(arg, rest);
                    case "-p", "--password" -> o.password = value(arg, rest);
                    case "-s", "--start-date" -> o.start = date(arg, value(arg, rest));
                    case "-e", "--end-date" -> o.end = date(arg, value(arg, rest));
                    case "-d", "--data-directory" -> o.dir = Path.of(value(arg, rest));
                    case "-y", "--yes" -> o.yes = true;
                    case "-f", "--force-datapoint-creation" -> o.force = true;
                    case "-w", "--worker-process-number" -> {
                        try {
                            o.workers = Integer.parseInt(value(arg, rest));
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException(arg + " needs a number");
                        }
                        if (o.workers < 1 || o.workers > 64) {
                            throw new IllegalArgumentException(arg + " must be between 1 and 64");
                        }
                    }
                    case "-h", "--help" -> throw new IllegalArgumentException("BEMCom backup and restore.");
                    default -> throw new IllegalArgumentException("Unknown argument: " + arg);
                }
            }
            if (o.backup == o.restore) {
                throw new IllegalArgumentException("Give one of -b (backup) and -r (restore).");
            }
            if (o.url == null || o.dir == null) {
                throw new IllegalArgumentException("-t and -d are required.");
            }
            if (o.backup && o.start == null) {
                throw new IllegalArgumentException("-s is required for a backup.");
            }
            if (o.backup && o.end == null) {
                o.end = LocalDate.now(ZoneOffset.UTC).minusDays(1);
            }
            if (o.start != null && o.end != null && o.end.isBefore(o.start)) {
                throw new IllegalArgumentException("The end date " + o.end + " is before the start date " + o.start + ".");
            }
            if (o.username != null && o.password == null) {
                o.password = env.get("BEMCOM_API_PASSWORD");
                Console console = System.console();
                if (o.password == null && console != null) {
                    char[] typed = console.readPassword("Password of %s: ", o.username);
                    o.password = typed == null ? "" : new String(typed);
                }
            }
            return o;
        }

        private static String value(String option, Deque<String> rest) {
            String value = rest.poll();
            if (value == null) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return value;
        }

        private static LocalDate date(String option, String text) {
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(option + ": not a date (YYYY-MM-DD): " + text);
            }
        }
    }
}
