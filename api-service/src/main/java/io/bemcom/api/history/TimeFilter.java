package io.bemcom.api.history;

import java.util.ArrayList;
import java.util.List;

/**
 * The original's timestamp filters ({@code timestamp__gte/__gt/__lte/__lt}, any decimal number
 * of ms), turned into integer bounds on the stored millisecond column.
 */
public record TimeFilter(Double gte, Double gt, Double lte, Double lt) {

    public static final TimeFilter NONE = new TimeFilter(null, null, null, null);

    /** SQL conditions on {@code column}, appended with their arguments to {@code args}. */
    public String sql(String column, List<Object> args) {
        List<String> conditions = new ArrayList<>();
        if (gte != null) {
            conditions.add(column + " >= ?");
            args.add((long) Math.ceil(gte));
        }
        if (gt != null) {
            conditions.add(column + " > ?");
            args.add((long) Math.floor(gt));
        }
        if (lte != null) {
            conditions.add(column + " <= ?");
            args.add((long) Math.floor(lte));
        }
        if (lt != null) {
            conditions.add(column + " < ?");
            args.add((long) Math.ceil(lt));
        }
        return conditions.isEmpty() ? "" : " AND " + String.join(" AND ", conditions);
    }
}
