package io.bemcom.api.admin;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;

import io.bemcom.api.config.ApiSettings;
import io.bemcom.api.connector.ConnectorRepository;
import io.bemcom.api.datapoint.DataFormat;
import io.bemcom.api.datapoint.Datapoint;
import io.bemcom.api.datapoint.DatapointRepository;
import io.bemcom.api.datapoint.DatapointService;
import io.bemcom.api.history.MessageTable;
import io.bemcom.api.json.DrfFields;
import io.bemcom.api.security.Authenticator.Principal;
import io.bemcom.protocol.JsonValues;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Datapoints: the list with the original's columns, filters, search, inline edits and bulk
 * actions; the detail page with format-specific metadata and last messages; the history chart.
 * Every change goes through {@link DatapointService#edit}, which publishes the datapoint maps.
 */
@Controller
public class DatapointAdminPages {

    /** One list row: the datapoint, its last value, and the values of the inline form (with an error). */
    public record Row(Datapoint datapoint, AdminQueries.Row lastValue, boolean active, String dataFormat,
                      String shortName, String description, String unit, String error) {
    }

    static final Map<String, String> ACTIONS = new LinkedHashMap<>();

    static {
        ACTIONS.put("activate", "Mark datapoints as active");
        ACTIONS.put("deactivate", "Mark datapoints as not active");
        for (String format : List.of("generic_text", "discrete_text", "generic_numeric", "discrete_numeric",
                "continuous_numeric")) {
            ACTIONS.put("format:" + format, "Mark data_format of datapoints as " + format);
        }
    }

    private final DatapointRepository datapoints;
    private final DatapointService datapointService;
    private final ConnectorRepository connectors;
    private final AdminQueries queries;
    private final EntityManager entities;
    private final ApiSettings settings;

    public DatapointAdminPages(DatapointRepository datapoints, DatapointService datapointService,
                                    ConnectorRepository connectors, AdminQueries queries, EntityManager entities,
                                    ApiSettings settings) {
        this.datapoints = datapoints;
        this.datapointService = datapointService;
        this.connectors = connectors;
        this.queries = queries;
        this.entities = entities;
        this.settings = settings;
    }

    // ------------------------------------------------------------------ list

    @GetMapping("/admin/datapoints/")
    public String list(@RequestAttribute(AdminSession.PRINCIPAL) Principal me, @RequestParam Map<String, String> params,
                       Model model) {
        AdminAccess.require(me, "api_main.view_datapoint");
        return render(params, Map.of(), null, model);
    }

    private String render(Map<String, String> params, Map<Long, Row> submitted, String error, Model model) {
        Map<String, String> filters = new LinkedHashMap<>();
        for (String key : List.of("type", "connector", "data_format", "is_active", "short_name", "q")) {
            filters.put(key, params.getOrDefault(key, ""));
        }
        int page = PageOf.clamp(parseInt(params.get("page")));
        StringBuilder where = new StringBuilder(" where 1 = 1");
        Map<String, Object> args = new HashMap<>();
        if (!filters.get("type").isEmpty()) {
            where.append(" and d.type = :type");
            args.put("type", filters.get("type"));
        }
        Integer connectorId = parseInt(filters.get("connector"));
        if (connectorId != null) {
            where.append(" and c.id = :connector");
            args.put("connector", connectorId.longValue());
        }
        if (!filters.get("data_format").isEmpty()) {
            where.append(" and d.dataFormat = :format");
            args.put("format", filters.get("data_format"));
        }
        if (filters.get("is_active").equals("1") || filters.get("is_active").equals("0")) {
            where.append(" and d.active = :active");
            args.put("active", filters.get("is_active").equals("1"));
        }
        if (filters.get("short_name").equals("set")) {
            where.append(" and d.shortName is not null");
        } else if (filters.get("short_name").equals("empty")) {
            where.append(" and d.shortName is null");
        }
        String q = filters.get("q").trim().toLowerCase();
        if (!q.isEmpty()) {
            where.append(" and (lower(d.keyInConnector) like :q or lower(coalesce(d.shortName, '')) like :q"
                    + " or lower(d.description) like :q or lower(coalesce(d.exampleValue, '')) like :q)");
            args.put("q", "%" + q.replace("\\", "").replace("%", "").replace("_", "") + "%");
        }
        TypedQuery<Long> count = entities.createQuery("select count(d) from Datapoint d join d.connector c" + where, Long.class);
        TypedQuery<Datapoint> select = entities.createQuery("select d from Datapoint d join fetch d.connector c" + where
                + " order by d.id", Datapoint.class);
        args.forEach((key, value) -> {
            count.setParameter(key, value);
            select.setParameter(key, value);
        });
        long total = count.getSingleResult();
        List<Datapoint> found = select.setFirstResult((page - 1) * PageOf.SIZE).setMaxResults(PageOf.SIZE).getResultList();
        Map<Long, AdminQueries.Row> last = queries.last(MessageTable.VALUE, found.stream().map(Datapoint::getId).toList());
        List<Row> rows = found.stream().map(d -> submitted.containsKey(d.getId())
                ? withLast(submitted.get(d.getId()), d, last.get(d.getId()))
                : new Row(d, last.get(d.getId()), d.isActive(), d.getDataFormat(), orEmpty(d.getShortName()),
                        d.getDescription(), d.getUnit(), null)).toList();
        filters.put("page", "");
        Map<String, String> linkFilters = new LinkedHashMap<>(filters);
        linkFilters.remove("page");
        model.addAttribute("page", new PageOf<>(rows, page, PageOf.SIZE, total, linkFilters));
        model.addAttribute("filters", filters);
        model.addAttribute("connectors", connectors.findAll(org.springframework.data.domain.Sort.by("name")));
        model.addAttribute("formats", DataFormat.CHOICES);
        model.addAttribute("actions", ACTIONS);
        model.addAttribute("error", error);
        return "admin/datapoints";
    }

    private static Row withLast(Row row, Datapoint d, AdminQueries.Row last) {
        return new Row(d, last, row.active(), row.dataFormat(), row.shortName(), row.description(), row.unit(), row.error());
    }

    /** The list's form: "Save" applies the inline edits, "Go" runs the chosen bulk action on the ticked rows. */
    @PostMapping("/admin/datapoints/")
    public String submitList(@RequestAttribute(AdminSession.PRINCIPAL) Principal me,
                             @RequestParam MultiValueMap<String, String> form, HttpServletRequest request, Model model) {
        AdminAccess.require(me, "api_main.change_datapoint");
        Map<String, String> params = new HashMap<>(form.toSingleValueMap());
        // filters travel in the query string of the form's action
        request.getParameterMap().forEach((key, values) -> params.putIfAbsent(key, values[0]));
        String back = "redirect:/admin/datapoints/" + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        if (form.containsKey("_action")) {
            String action = params.getOrDefault("action", "");
            List<Long> selected = form.getOrDefault("selected", List.of()).stream().map(Long::valueOf).toList();
            if (selected.isEmpty() || !ACTIONS.containsKey(action)) {
                return render(params, Map.of(), "Items must be selected in order to perform actions on them,"
                        + " and an action must be chosen. No items have been changed.", model);
            }
            Consumer<Datapoint> change;
            if (action.equals("activate") || action.equals("deactivate")) {
                boolean active = action.equals("activate");
                datapointService.setActive(selected, active);
            } else {
                String format = action.substring("format:".length());
                change = d -> d.setDataFormat(format);
                Map<Long, Consumer<Datapoint>> edits = new HashMap<>();
                selected.forEach(id -> edits.put(id, change));
                datapointService.edit(edits);
            }
            AdminSession.flash(request, "Successfully applied \u201c" + ACTIONS.get(action) + "\u201d to "
                    + selected.size() + " datapoint(s).");
            return back;
        }
        // inline edits
        List<Long> ids = form.getOrDefault("row", List.of()).stream().map(Long::valueOf).toList();
        Map<Long, Datapoint> current = datapoints.findAllById(ids).stream()
                .collect(Collectors.toMap(Datapoint::getId, d -> d));
        Map<Long, Row> submitted = new LinkedHashMap<>();
        for (Long id : ids) {
            Datapoint d = current.get(id);
            if (d == null) {
                continue;
            }
            String format = params.getOrDefault("data_format_" + id, d.getDataFormat());
            submitted.put(id, new Row(d, null, params.containsKey("is_active_" + id),
                    DataFormat.isValid(format) ? format : d.getDataFormat(), params.getOrDefault("short_name_" + id, "").trim(),
                    params.getOrDefault("description_" + id, d.getDescription()), params.getOrDefault("unit_" + id, d.getUnit()),
                    null));
        }
        Map<Long, String> errors = shortNameErrors(submitted);
        if (!errors.isEmpty()) {
            Map<Long, Row> withErrors = new LinkedHashMap<>();
            submitted.forEach((id, row) -> withErrors.put(id, new Row(row.datapoint(), null, row.active(), row.dataFormat(),
                    row.shortName(), row.description(), row.unit(), errors.get(id))));
            return render(params, withErrors, "Please correct the errors below.", model);
        }
        Map<Long, Consumer<Datapoint>> edits = new HashMap<>();
        submitted.forEach((id, row) -> {
            Datapoint d = row.datapoint();
            boolean changed = d.isActive() != row.active() || !d.getDataFormat().equals(row.dataFormat())
                    || !orEmpty(d.getShortName()).equals(row.shortName()) || !d.getDescription().equals(row.description())
                    || !d.getUnit().equals(row.unit());
            if (changed) {
                edits.put(id, target -> {
                    target.setActive(row.active());
                    target.setDataFormat(row.dataFormat());
                    target.setShortName(row.shortName());
                    target.setDescription(row.description());
                    target.setUnit(row.unit());
                });
            }
        });
        if (!edits.isEmpty()) {
            datapointService.edit(edits);
        }
        AdminSession.flash(request, edits.size() + " datapoint(s) were changed successfully.");
        return back;
    }

    /** Short names must be unique among the submitted rows and against every other datapoint. */
    private Map<Long, String> shortNameErrors(Map<Long, Row> submitted) {
        Map<Long, String> errors = new HashMap<>();
        Map<String, Long> seen = new HashMap<>();
        submitted.forEach((id, row) -> {
            if (row.shortName().isEmpty()) {
                return;
            }
            if (!Datapoint.fitsIndex(row.shortName())) {
                errors.put(id, DrfFields.tooLong(Datapoint.MAX_INDEXED_TEXT_LENGTH));
                return;
            }
            Long other = seen.putIfAbsent(row.shortName(), id);
            if (other != null) {
                errors.put(id, "Datapoint with this Short name already exists.");
                return;
            }
            Optional<Datapoint> holder = datapoints.findByShortName(row.shortName());
            if (holder.isPresent() && !holder.get().getId().equals(id)
                    && !(submitted.containsKey(holder.get().getId())
                    && !row.shortName().equals(submitted.get(holder.get().getId()).shortName()))) {
                errors.put(id, "Datapoint with this Short name already exists.");
            }
        });
        return errors;
    }

    // ------------------------------------------------------------------ detail

    @GetMapping("/admin/datapoints/{id}/")
    public String detail(@RequestAttribute(AdminSession.PRINCIPAL) Principal me, @PathVariable long id, Model model) {
        AdminAccess.require(me, "api_main.view_datapoint");
        Datapoint d = find(id);
        Map<String, String> form = new HashMap<>();
        form.put("is_active", d.isActive() ? "on" : null);
        form.put("data_format", d.getDataFormat());
        form.put("short_name", orEmpty(d.getShortName()));
        form.put("description", d.getDescription());
        form.put("unit", d.getUnit());
        form.put("allowed_values", orEmpty(d.getAllowedValues()));
        form.put("min_value", d.getMinValue() == null ? "" : JsonValues.of(d.getMinValue()).toString());
        form.put("max_value", d.getMaxValue() == null ? "" : JsonValues.of(d.getMaxValue()).toString());
        return renderDetail(d, form, Map.of(), model);
    }

    private String renderDetail(Datapoint d, Map<String, String> form, Map<String, String> errors, Model model) {
        model.addAttribute("dp", d);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("formats", DataFormat.CHOICES);
        Set<Long> one = Set.of(d.getId());
        model.addAttribute("lastValue", queries.last(MessageTable.VALUE, one).get(d.getId()));
        boolean controlInfo = settings.controlExtension() && d.isActuator();
        model.addAttribute("showControl", controlInfo);
        if (controlInfo) {
            model.addAttribute("lastSetpoint", queries.last(MessageTable.SETPOINT, one).get(d.getId()));
            model.addAttribute("lastSchedule", queries.last(MessageTable.SCHEDULE, one).get(d.getId()));
        }
        return "admin/datapoint";
    }

    @PostMapping("/admin/datapoints/{id}/")
    public String save(@RequestAttribute(AdminSession.PRINCIPAL) Principal me, @PathVariable long id,
                       @RequestParam Map<String, String> params, HttpServletRequest request, Model model) {
        AdminAccess.require(me, "api_main.change_datapoint");
        Datapoint d = find(id);
        Map<String, String> form = new HashMap<>(params);
        Map<String, String> errors = new LinkedHashMap<>();
        String format = params.getOrDefault("data_format", "");
        if (!DataFormat.isValid(format)) {
            errors.put("data_format", "Select a valid choice. " + format + " is not one of the available choices.");
        }
        String shortName = params.getOrDefault("short_name", "").trim();
        if (!Datapoint.fitsIndex(shortName)) {
            errors.put("short_name", DrfFields.tooLong(Datapoint.MAX_INDEXED_TEXT_LENGTH));
        } else if (!shortName.isEmpty()) {
            Optional<Datapoint> holder = datapoints.findByShortName(shortName);
            if (holder.isPresent() && !holder.get().getId().equals(id)) {
                errors.put("short_name", "Datapoint with this Short name already exists.");
            }
        }
        String allowed = params.getOrDefault("allowed_values", "").trim();
        String allowedJson = null;
        if (format.startsWith("discrete_") && !allowed.isEmpty()) {
            try {
                allowedJson = JsonValues.parse(allowed).toString();
            } catch (RuntimeException e) {
                errors.put("allowed_values", "Enter a valid JSON.");
            }
        }
        Double min = null;
        Double max = null;
        if (format.equals("continuous_numeric")) {
            try {
                min = parseNumber(params.getOrDefault("min_value", ""));
            } catch (NumberFormatException e) {
                errors.put("min_value", "Enter a number.");
            }
            try {
                max = parseNumber(params.getOrDefault("max_value", ""));
            } catch (NumberFormatException e) {
                errors.put("max_value", "Enter a number.");
            }
            if (min != null && max != null && min > max) {
                errors.put("max_value", "The maximum must not be smaller than the minimum (" + min + ").");
            }
        }
        if (!errors.isEmpty()) {
            model.addAttribute("error", "Please correct the errors below.");
            return renderDetail(d, form, errors, model);
        }
        boolean active = params.containsKey("is_active");
        String description = params.getOrDefault("description", "");
        String unit = params.getOrDefault("unit", "");
        String allowedValue = allowedJson;
        Double minValue = min;
        Double maxValue = max;
        datapointService.edit(Map.of(id, target -> {
            target.setActive(active);
            target.setDataFormat(format);
            target.setShortName(shortName);
            target.setDescription(description);
            if (format.endsWith("_numeric")) {
                target.setUnit(unit);
            }
            if (format.startsWith("discrete_")) {
                target.setAllowedValues(allowedValue);
            }
            if (format.equals("continuous_numeric")) {
                target.setMinValue(minValue);
                target.setMaxValue(maxValue);
            }
        }));
        AdminSession.flash(request, "The datapoint \u201c" + find(id) + "\u201d was changed successfully.");
        if (params.containsKey("_continue")) {
            return "redirect:/admin/datapoints/" + id + "/";
        }
        return "redirect:/admin/datapoints/?connector=" + d.getConnector().getId();
    }

    @PostMapping("/admin/datapoints/{id}/delete/")
    public String delete(@RequestAttribute(AdminSession.PRINCIPAL) Principal me, @PathVariable long id,
                         HttpServletRequest request) {
        AdminAccess.require(me, "api_main.delete_datapoint");
        Datapoint d = find(id);
        datapointService.delete(id);
        AdminSession.flash(request, "The datapoint \u201c" + d + "\u201d was deleted successfully.");
        return "redirect:/admin/datapoints/";
    }

    // ------------------------------------------------------------------ chart

    @GetMapping("/admin/datapoints/{id}/chart/")
    public String chart(@RequestAttribute(AdminSession.PRINCIPAL) Principal me, @PathVariable long id,
                        @RequestParam(defaultValue = "24h") String range, @RequestParam(defaultValue = "") String from,
                        @RequestParam(defaultValue = "") String to, Model model) {
        AdminAccess.require(me, "api_main.view_datapoint");
        AdminAccess.require(me, "api_main.view_datapointvalue");
        if (!settings.historyExtension()) {
            throw new AdminAccess.NotFound("The history (ACTIVATE_HISTORY_EXTENSION is off)");
        }
        Datapoint d = find(id);
        long now = System.currentTimeMillis();
        long end = now;
        long start;
        String error = null;
        if (!from.isBlank() || !to.isBlank()) {
            try {
                start = from.isBlank() ? now - 86_400_000L : utc(from);
                end = to.isBlank() ? now : utc(to);
                range = "custom";
            } catch (DateTimeParseException e) {
                error = "Enter the range as UTC date and time (YYYY-MM-DDTHH:MM).";
                start = now - 86_400_000L;
            }
        } else {
            start = now - switch (range) {
                case "1h" -> 3_600_000L;
                case "7d" -> 7 * 86_400_000L;
                case "30d" -> 30 * 86_400_000L;
                case "365d" -> 365 * 86_400_000L;
                default -> 86_400_000L;
            };
        }
        List<double[]> points = start <= end ? queries.numericSeries(id, start, end, 2000) : new ArrayList<>();
        String series = points.stream().map(p -> "[" + (long) p[0] + "," + JsonValues.of(p[1]) + "]")
                .collect(Collectors.joining(",", "[", "]"));
        model.addAttribute("dp", d);
        model.addAttribute("series", series);
        model.addAttribute("count", points.size());
        model.addAttribute("range", range);
        model.addAttribute("from", LocalDateTime.ofInstant(Instant.ofEpochMilli(start), ZoneOffset.UTC).withSecond(0).withNano(0).toString());
        model.addAttribute("to", LocalDateTime.ofInstant(Instant.ofEpochMilli(end), ZoneOffset.UTC).withSecond(0).withNano(0).toString());
        model.addAttribute("startMs", start);
        model.addAttribute("endMs", end);
        model.addAttribute("error", error);
        return "admin/chart";
    }

    private static long utc(String text) {
        return LocalDateTime.parse(text.trim()).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    private Datapoint find(long id) {
        return datapoints.findById(id).orElseThrow(() -> new AdminAccess.NotFound("Datapoint " + id));
    }

    private static Double parseNumber(String text) {
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            return null;
        }
        double value = Double.parseDouble(trimmed);
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new NumberFormatException(trimmed);
        }
        return value;
    }

    private static Integer parseInt(String text) {
        try {
            return text == null || text.isBlank() ? null : Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
