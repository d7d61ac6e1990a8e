package io.bemcom.api.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Django's change messages, without Spring or a database. */
class AdminLogMessageTest {

    @Test
    void namesTheChangedFieldsAsDjangoDoes() {
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("is_active", false);
        before.put("short_name", "");
        before.put("unit", "");
        before.put("min_value", null);
        Map<String, Object> after = new LinkedHashMap<>(before);
        assertThat(AdminLog.changeMessage(before, after)).isEqualTo("No fields changed.");
        after.put("unit", "kW");
        assertThat(AdminLog.changeMessage(before, after)).isEqualTo("Changed unit.");
        after.put("is_active", true);
        assertThat(AdminLog.changeMessage(before, after)).isEqualTo("Changed is_active and unit.");
        after.put("min_value", 0.0);
        assertThat(AdminLog.changeMessage(before, after)).isEqualTo("Changed is_active, unit and min_value.");
        assertThat(AdminLog.textList(List.of("a", "b", "c", "d"))).isEqualTo("a, b, c and d");
    }

    @Test
    void describesEntriesWithoutAMessageByTheirFlag() {
        assertThat(new AdminLogEntry(1, 0, "u", "datapoint", "1", "x", AdminLogEntry.DELETION, "").description())
                .isEqualTo("Deleted.");
        assertThat(new AdminLogEntry(1, 0, "u", "datapoint", "1", "x", AdminLogEntry.CHANGE, "Changed unit.").description())
                .isEqualTo("Changed unit.");
    }
}
