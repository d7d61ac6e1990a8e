package io.bemcom.api.admin;

import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.core.ResolvableType;
import org.springframework.validation.DataBinder;
import org.springframework.web.bind.annotation.BindParam;
import org.springframework.web.bind.support.BindParamNameResolver;

import io.bemcom.api.datapoint.DataFormat;
import io.bemcom.api.datapoint.Datapoint;
import io.bemcom.api.datapoint.DatapointService;
import jakarta.servlet.ServletRequest;

/**
 * One row of the datapoint list's inline form as submitted. The list has a field per row and
 * column, named {@code <column>_<datapoint id>} ({@code short_name_12}); {@link #bind} binds the
 * fields of one row. A field not submitted is null; {@code isActive} is the checkbox: null when not
 * ticked.
 */
public record DatapointRowForm(@BindParam("is_active") String isActive, @BindParam("data_format") String dataFormat,
                               @BindParam("short_name") String shortName, String description, String unit) {

    /** The fields of datapoint {@code id}'s row. */
    static DatapointRowForm bind(long id, ServletRequest request) {
        String suffix = "_" + id;
        DataBinder binder = new DataBinder(null, "row" + suffix);
        binder.setTargetType(ResolvableType.forClass(DatapointRowForm.class));
        binder.setNameResolver(new BindParamNameResolver());
        binder.construct(new DataBinder.ValueResolver() {
            @Override
            public Object resolveValue(String name, Class<?> type) {
                return request.getParameter(name + suffix);
            }

            @Override
            public Set<String> getNames() {
                return request.getParameterMap().keySet().stream().filter(name -> name.endsWith(suffix))
                        .map(name -> name.substring(0, name.length() - suffix.length())).collect(Collectors.toSet());
            }
        });
        return (DatapointRowForm) binder.getTarget();
    }

    /**
     * The edit of {@code current} this row asks for: the short name trimmed; a format that is no
     * choice, and a description or unit not submitted, keep the datapoint's.
     */
    DatapointService.RowEdit edit(Datapoint current) {
        String format = dataFormat == null || !DataFormat.isValid(dataFormat) ? current.getDataFormat() : dataFormat;
        return new DatapointService.RowEdit(isActive != null, format, shortName == null ? "" : shortName.trim(),
                description == null ? current.getDescription() : description, unit == null ? current.getUnit() : unit);
    }
}
