package io.bemcom.api.admin;

import org.springframework.web.bind.annotation.BindParam;

import io.bemcom.api.datapoint.Datapoint;
import io.bemcom.protocol.JsonValues;

/**
 * The datapoint detail form as submitted (bound from the request by its field names) or as shown
 * for a datapoint. Texts as typed; a field not submitted is empty. {@code isActive} is the
 * checkbox: null when not ticked.
 */
public record DatapointForm(@BindParam("is_active") String isActive, @BindParam("data_format") String dataFormat,
                            @BindParam("short_name") String shortName, String description, String unit,
                            @BindParam("allowed_values") String allowedValues, @BindParam("min_value") String minValue,
                            @BindParam("max_value") String maxValue) {

    public DatapointForm {
        dataFormat = orEmpty(dataFormat);
        shortName = orEmpty(shortName);
        description = orEmpty(description);
        unit = orEmpty(unit);
        allowedValues = orEmpty(allowedValues);
        minValue = orEmpty(minValue);
        maxValue = orEmpty(maxValue);
    }

    static DatapointForm of(Datapoint d) {
        return new DatapointForm(d.isActive() ? "on" : null, d.getDataFormat(), d.getShortName(), d.getDescription(),
                d.getUnit(), d.getAllowedValues(),
                d.getMinValue() == null ? "" : JsonValues.of(d.getMinValue()).toString(),
                d.getMaxValue() == null ? "" : JsonValues.of(d.getMaxValue()).toString());
    }

    boolean active() {
        return isActive != null;
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
