package io.bemcom.api.datapoint;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.bemcom.api.connector.Connector;
import io.bemcom.api.connector.ConnectorRepository;
import io.bemcom.api.json.DrfFields;
import io.bemcom.api.json.InvalidInput;
import io.bemcom.api.json.Json;
import io.bemcom.api.metadata.MetadataChanged;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Creating and updating datapoint metadata ({@code POST/PUT /datapoint/}, and activation). Each
 * call is all or nothing; after the commit the datapoint maps and subscriptions follow.
 */
@Service
public class DatapointService {

    private static final String SHORT_NAME_TAKEN = "datapoint with this short name already exists.";
    /** The admin's (Django's) words for the same. */
    private static final String ADMIN_SHORT_NAME_TAKEN = "Datapoint with this Short name already exists.";

    private final DatapointRepository datapoints;
    private final ConnectorRepository connectors;
    private final ApplicationEventPublisher events;

    public DatapointService(DatapointRepository datapoints, ConnectorRepository connectors,
                            ApplicationEventPublisher events) {
        this.datapoints = datapoints;
        this.connectors = connectors;
        this.events = events;
    }

    /**
     * {@code POST /datapoint/}: creates every item (and unknown connectors) or nothing; an item that
     * exists already or a short name that is taken refuses all, with the errors of every item.
     */
    @Transactional
    public List<Datapoint> create(List<DatapointInput> inputs) {
        ArrayNode errors = Json.array();
        boolean failed = false;
        Set<String> seen = new HashSet<>();
        Set<String> shortNames = new HashSet<>();
        for (DatapointInput input : inputs) {
            ObjectNode itemErrors = Json.object();
            Optional<Connector> connector = connectors.findByName(input.connectorName());
            String identity = input.connectorName() + '\u0000' + input.keyInConnector() + '\u0000' + input.type();
            boolean exists = connector.isPresent() && datapoints.findByConnectorIdAndKeyInConnectorAndType(
                    connector.get().getId(), input.keyInConnector(), input.type()).isPresent();
            if (exists || !seen.add(identity)) {
                itemErrors.put("datapoint", "Datapoint exists already: {'connector': '" + input.connectorName()
                        + "', 'key_in_connector': '" + input.keyInConnector() + "', 'type': '" + input.type() + "'}.");
            }
            if (input.shortName() != null && (datapoints.findByShortName(input.shortName()).isPresent()
                    || !shortNames.add(input.shortName()))) {
                itemErrors.set("short_name", Json.messages(SHORT_NAME_TAKEN));
            }
            failed |= !itemErrors.isEmpty();
            errors.add(itemErrors);
        }
        if (failed) {
            throw new InvalidInput(errors);
        }
        Map<String, Connector> byName = new HashMap<>();
        List<Datapoint> created = new ArrayList<>();
        for (DatapointInput input : inputs) {
            Connector connector = byName.computeIfAbsent(input.connectorName(),
                    name -> connectors.findByName(name).orElseGet(() -> connectors.save(new Connector(name))));
            Datapoint datapoint = new Datapoint(connector, input.keyInConnector(), input.type());
            input.applyTo(datapoint);
            created.add(datapoints.save(datapoint));
        }
        datapoints.flush();
        events.publishEvent(MetadataChanged.connectors(connectorIds(created)));
        return created;
    }

    /** {@code PUT /datapoint/}: updates every item (found by connector name and key) or nothing, as {@link #create}. */
    @Transactional
    public List<Datapoint> update(List<DatapointInput> inputs) {
        ArrayNode errors = Json.array();
        boolean failed = false;
        List<Datapoint> targets = new ArrayList<>();
        for (DatapointInput input : inputs) {
            ObjectNode itemErrors = Json.object();
            Datapoint target = null;
            Optional<Connector> connector = connectors.findByName(input.connectorName());
            if (connector.isEmpty()) {
                itemErrors.put("connector", "No Connector found matching name: " + input.connectorName() + ".");
            } else {
                List<Datapoint> matches = datapoints.findByConnectorIdAndKeyInConnector(connector.get().getId(),
                        input.keyInConnector());
                if (matches.size() > 1 && input.type() != null) {
                    matches = matches.stream().filter(d -> d.getType().equals(input.type())).toList();
                }
                String query = "{'connector': '" + input.connectorName() + "', 'key_in_connector': '"
                        + input.keyInConnector() + "'}";
                if (matches.isEmpty()) {
                    itemErrors.put("datapoint", "No datapoint found matching query: " + query + ".");
                } else if (matches.size() > 1) {
                    itemErrors.put("datapoint", "Multiple datapoints found matching query: " + query + ".");
                } else {
                    target = matches.get(0);
                    if (input.shortName() != null) {
                        Optional<Datapoint> holder = datapoints.findByShortName(input.shortName());
                        if (holder.isPresent() && !holder.get().getId().equals(target.getId())) {
                            itemErrors.set("short_name", Json.messages(SHORT_NAME_TAKEN));
                        }
                    }
                }
            }
            failed |= !itemErrors.isEmpty();
            errors.add(itemErrors);
            targets.add(target);
        }
        if (failed) {
            throw new InvalidInput(errors);
        }
        for (int i = 0; i < inputs.size(); i++) {
            inputs.get(i).applyTo(targets.get(i));
        }
        datapoints.saveAllAndFlush(targets);
        events.publishEvent(MetadataChanged.connectors(connectorIds(targets)));
        return targets;
    }

    /** Activates or deactivates datapoints (the admin's bulk action). */
    @Transactional
    public void setActive(List<Long> ids, boolean active) {
        List<Datapoint> changed = datapoints.findAllById(ids);
        changed.forEach(datapoint -> datapoint.setActive(active));
        datapoints.saveAllAndFlush(changed);
        events.publishEvent(MetadataChanged.connectors(connectorIds(changed)));
    }

    /**
     * Applies the admin UI's edits (inline list edits, bulk actions, the detail form) to the given
     * datapoints in one transaction; the datapoint maps follow after the commit, as for REST.
     * The caller has validated the input (short name uniqueness is also guarded by the schema).
     */
    @Transactional
    public List<Datapoint> edit(Map<Long, Consumer<Datapoint>> edits) {
        List<Datapoint> changed = datapoints.findAllById(edits.keySet());
        // Short names are unique: free the edited rows' names first, so that two rows may swap them.
        List<String> previousNames = changed.stream().map(Datapoint::getShortName).toList();
        changed.forEach(datapoint -> datapoint.setShortName(null));
        datapoints.saveAllAndFlush(changed);
        for (int i = 0; i < changed.size(); i++) {
            changed.get(i).setShortName(previousNames.get(i));
            edits.get(changed.get(i).getId()).accept(changed.get(i));
        }
        datapoints.saveAllAndFlush(changed);
        events.publishEvent(MetadataChanged.connectors(connectorIds(changed)));
        return changed;
    }

    /** What the admin's datapoint list edits inline in one row. */
    public record RowEdit(boolean active, String dataFormat, String shortName, String description, String unit) {
    }

    /**
     * Why the admin list's row edits cannot store their short names, by datapoint id: too long,
     * given to an earlier row, or held by another datapoint that keeps it (a datapoint among the
     * rows that changes its short name frees the one it had). Rows in submission order.
     */
    @Transactional(readOnly = true)
    public Map<Long, String> shortNameProblems(Map<Long, RowEdit> rows) {
        Map<Long, String> problems = new HashMap<>();
        Map<String, Long> seen = new HashMap<>();
        rows.forEach((id, row) -> {
            if (row.shortName().isEmpty()) {
                return;
            }
            if (!Datapoint.fitsIndex(row.shortName())) {
                problems.put(id, DrfFields.tooLong(Datapoint.MAX_INDEXED_TEXT_LENGTH));
                return;
            }
            Long other = seen.putIfAbsent(row.shortName(), id);
            if (other != null) {
                problems.put(id, ADMIN_SHORT_NAME_TAKEN);
                return;
            }
            Optional<Datapoint> holder = datapoints.findByShortName(row.shortName());
            if (holder.isPresent() && !holder.get().getId().equals(id)
                    && !(rows.containsKey(holder.get().getId())
                    && !row.shortName().equals(rows.get(holder.get().getId()).shortName()))) {
                problems.put(id, ADMIN_SHORT_NAME_TAKEN);
            }
        });
        return problems;
    }

    /** Why datapoint {@code id} cannot have the (trimmed) short name, as the admin's detail form says it; empty if it can. */
    @Transactional(readOnly = true)
    public Optional<String> shortNameProblem(long id, String shortName) {
        if (!Datapoint.fitsIndex(shortName)) {
            return Optional.of(DrfFields.tooLong(Datapoint.MAX_INDEXED_TEXT_LENGTH));
        }
        if (!shortName.isEmpty()) {
            Optional<Datapoint> holder = datapoints.findByShortName(shortName);
            if (holder.isPresent() && !holder.get().getId().equals(id)) {
                return Optional.of(ADMIN_SHORT_NAME_TAKEN);
            }
        }
        return Optional.empty();
    }

    /**
     * Applies the admin list's row edits, of those rows that change their datapoint, in one
     * transaction; returns how many datapoints changed.
     */
    @Transactional
    public int editRows(Map<Long, RowEdit> rows) {
        Map<Long, Consumer<Datapoint>> edits = new HashMap<>();
        for (Datapoint datapoint : datapoints.findAllById(rows.keySet())) {
            RowEdit row = rows.get(datapoint.getId());
            String shortName = datapoint.getShortName() == null ? "" : datapoint.getShortName();
            boolean changed = datapoint.isActive() != row.active() || !datapoint.getDataFormat().equals(row.dataFormat())
                    || !shortName.equals(row.shortName()) || !datapoint.getDescription().equals(row.description())
                    || !datapoint.getUnit().equals(row.unit());
            if (changed) {
                edits.put(datapoint.getId(), target -> {
                    target.setActive(row.active());
                    target.setDataFormat(row.dataFormat());
                    target.setShortName(row.shortName());
                    target.setDescription(row.description());
                    target.setUnit(row.unit());
                });
            }
        }
        if (!edits.isEmpty()) {
            edit(edits);
        }
        return edits.size();
    }

    /** Sets the data format of the given datapoints (the admin's bulk action). */
    @Transactional
    public void setDataFormat(Collection<Long> ids, String dataFormat) {
        Map<Long, Consumer<Datapoint>> edits = new HashMap<>();
        ids.forEach(id -> edits.put(id, datapoint -> datapoint.setDataFormat(dataFormat)));
        edit(edits);
    }

    /**
     * The admin's detail form: generic metadata, and of the format-specific fields only those of
     * the chosen format (unit for {@code *_numeric}, allowed values for {@code discrete_*}, the
     * range for {@code continuous_numeric}).
     */
    public record DetailEdit(boolean active, String dataFormat, String shortName, String description, String unit,
                             String allowedValues, Double minValue, Double maxValue) {
    }

    @Transactional
    public void editDetail(long id, DetailEdit form) {
        edit(Map.of(id, target -> {
            target.setActive(form.active());
            target.setDataFormat(form.dataFormat());
            target.setShortName(form.shortName());
            target.setDescription(form.description());
            if (form.dataFormat().endsWith("_numeric")) {
                target.setUnit(form.unit());
            }
            if (form.dataFormat().startsWith("discrete_")) {
                target.setAllowedValues(form.allowedValues());
            }
            if (form.dataFormat().equals("continuous_numeric")) {
                target.setMinValue(form.minValue());
                target.setMaxValue(form.maxValue());
            }
        }));
    }

    @Transactional
    public void delete(long id) {
        datapoints.findById(id).ifPresent(datapoint -> {
            long connectorId = datapoint.getConnector().getId();
            datapoints.delete(datapoint);
            datapoints.flush();
            events.publishEvent(MetadataChanged.connectors(Set.of(connectorId)));
        });
    }

    private static Set<Long> connectorIds(List<Datapoint> changed) {
        Set<Long> ids = new HashSet<>();
        changed.forEach(datapoint -> ids.add(datapoint.getConnector().getId()));
        return ids;
    }
}
