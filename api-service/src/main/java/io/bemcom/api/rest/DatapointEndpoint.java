package io.bemcom.api.rest;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.bemcom.api.datapoint.DataFormat;
import io.bemcom.api.datapoint.Datapoint;
import io.bemcom.api.datapoint.DatapointRepository;
import io.bemcom.api.datapoint.DatapointService;
import io.bemcom.api.json.Json;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.node.ArrayNode;

/** {@code /datapoint/}: metadata of the active datapoints; create and update (section 8.4–8.6). */
@RestController
public class DatapointEndpoint {

    private final DatapointRepository datapoints;
    private final DatapointService service;

    public DatapointEndpoint(DatapointRepository datapoints, DatapointService service) {
        this.datapoints = datapoints;
        this.service = service;
    }

    @GetMapping("/datapoint/")
    public ResponseEntity<String> list(@RequestParam Map<String, String> params) {
        QueryParams query = new QueryParams(params);
        List<Long> ids = query.ids("id__in");
        String dataFormat = query.text("data_format");
        if (dataFormat != null && !DataFormat.isValid(dataFormat)) {
            query.error("data_format", "Select a valid choice. " + dataFormat + " is not one of the available choices.");
        }
        query.throwIfInvalid();
        Stream<Datapoint> selected = datapoints.findAllActive().stream();
        if (ids != null) {
            selected = selected.filter(d -> ids.contains(d.getId()));
        }
        selected = text(selected, params, "connector__name", d -> d.getConnector().getName());
        selected = text(selected, params, "key_in_connector", Datapoint::getKeyInConnector);
        selected = text(selected, params, "short_name", Datapoint::getShortName);
        selected = text(selected, params, "description", Datapoint::getDescription);
        selected = text(selected, params, "data_format", Datapoint::getDataFormat);
        selected = text(selected, params, "unit", Datapoint::getUnit);
        String type = query.text("type");
        if (type != null) {
            selected = selected.filter(d -> type.equals(d.getType()));
        }
        ArrayNode result = Json.array();
        selected.forEach(d -> result.add(DatapointJson.of(d)));
        return JsonResponses.ok(result);
    }

    /** The exact filter {@code name} and the case-insensitive {@code name__icontains}. */
    private static Stream<Datapoint> text(Stream<Datapoint> selected, Map<String, String> params, String name,
                                          Function<Datapoint, String> field) {
        String exact = params.get(name);
        if (exact != null && !exact.isEmpty()) {
            selected = selected.filter(d -> exact.equals(field.apply(d)));
        }
        String contains = params.get(name + "__icontains");
        if (contains != null && !contains.isEmpty()) {
            String needle = contains.toLowerCase(Locale.ROOT);
            selected = selected.filter(d -> field.apply(d) != null
                    && field.apply(d).toLowerCase(Locale.ROOT).contains(needle));
        }
        return selected;
    }

    @PostMapping("/datapoint/")
    public ResponseEntity<String> create(HttpServletRequest request) {
        List<Datapoint> created = service.create(DatapointItems.readAll(RequestBodies.list(request), true));
        ArrayNode result = Json.array();
        created.forEach(d -> result.add(DatapointJson.of(d)));
        return JsonResponses.response(201, result);
    }

    @PutMapping("/datapoint/")
    public ResponseEntity<String> update(HttpServletRequest request) {
        List<Datapoint> updated = service.update(DatapointItems.readAll(RequestBodies.list(request), false));
        ArrayNode result = Json.array();
        updated.forEach(d -> result.add(DatapointJson.of(d)));
        return JsonResponses.ok(result);
    }
}
