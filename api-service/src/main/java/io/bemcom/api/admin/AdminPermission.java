package io.bemcom.api.admin;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.function.Predicate;

import io.bemcom.api.config.ApiSettings;

/**
 * What an admin route needs, checked for every request by {@link AdminAccessInterceptor} before the
 * handler runs: first the extension flags (without them the page does not exist: 404 page), then
 * every codename in {@link #value()} (403 page naming the first one missing).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface AdminPermission {

    /**
     * Codenames the user must hold, all of them ({@code api_main.view_datapoint}, …). Empty only
     * where the codename depends on the request, and the handler checks it.
     */
    String[] value();

    /** Extension flags the page needs. */
    Needs[] needs() default {};

    /** Extension flags a page may need, with the 404 page's words when they are off. */
    enum Needs {
        CONTROL(ApiSettings::controlExtension, "The page (ACTIVATE_CONTROL_EXTENSION is off)"),
        HISTORY(ApiSettings::historyExtension, "The page (its extension flags are off)"),
        HISTORY_AND_CONTROL(settings -> settings.historyExtension() && settings.controlExtension(),
                "The page (its extension flags are off)");

        private final Predicate<ApiSettings> on;
        private final String page;

        Needs(Predicate<ApiSettings> on, String page) {
            this.on = on;
            this.page = page;
        }

        boolean isOn(ApiSettings settings) {
            return on.test(settings);
        }

        String page() {
            return page;
        }
    }
}
