package io.bemcom.api;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import io.bemcom.api.config.ApiSettings;
import io.bemcom.api.security.UserService;

/**
 * The maintenance commands of the jar, named as the original's manage.py commands: {@code migrate}
 * applies the database migrations and exits (also done at every start); {@code createsuperuser}
 * creates an admin user interactively, or from {@code DJANGO_SUPERUSER_*} with {@code --no-input}.
 * Each runs the application without web server and MQTT.
 */
final class MaintenanceCommands {

    private MaintenanceCommands() {
    }

    /** Runs {@code args[0]} with the rest of {@code args} as options; the exit status. */
    static int run(String[] args) {
        SpringApplication application = new SpringApplication(ApiServiceApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setDefaultProperties(Map.of("bemcom.mqtt.enabled", "false", "spring.main.banner-mode", "off",
                "bemcom.command", "true"));
        // Migrations run while the context starts (Flyway).
        try (ConfigurableApplicationContext context = application.run(Arrays.copyOfRange(args, 1, args.length))) {
            if (args[0].equals("migrate")) {
                System.out.println("Migrations applied.");
                return 0;
            }
            return createSuperuser(context, Arrays.asList(args).contains("--no-input"));
        } catch (IOException e) {
            System.err.println("createsuperuser: " + e.getMessage());
            return 1;
        }
    }

    private static int createSuperuser(ConfigurableApplicationContext context, boolean noInput) throws IOException {
        UserService users = context.getBean(UserService.class);
        ApiSettings settings = context.getBean(ApiSettings.class);
        String username;
        String email;
        String password;
        if (noInput) {
            if (settings.superuserUsername() == null || settings.superuserPassword() == null) {
                System.err.println("CommandError: You must set DJANGO_SUPERUSER_USERNAME and DJANGO_SUPERUSER_PASSWORD "
                        + "with --no-input.");
                return 1;
            }
            username = settings.superuserUsername();
            email = settings.superuserEmail() == null ? "" : settings.superuserEmail();
            password = settings.superuserPassword();
        } else {
            Console console = System.console();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            username = prompt(console, in, "Username: ", false);
            email = prompt(console, in, "Email address: ", false);
            password = prompt(console, in, "Password: ", true);
            String again = prompt(console, in, "Password (again): ", true);
            if (password == null || !password.equals(again)) {
                System.err.println("Error: Your passwords didn't match.");
                return 1;
            }
            if (password.isBlank()) {
                System.err.println("Error: Blank passwords aren't allowed.");
                return 1;
            }
        }
        try {
            users.createUser(username, password, email, true);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 1;
        }
        System.out.println("Superuser created successfully.");
        return 0;
    }

    private static String prompt(Console console, BufferedReader in, String label, boolean secret) throws IOException {
        if (console != null) {
            return secret ? new String(console.readPassword(label)) : console.readLine(label);
        }
        System.out.print(label);
        System.out.flush();
        String line = in.readLine();
        return line == null ? "" : line.trim();
    }
}
