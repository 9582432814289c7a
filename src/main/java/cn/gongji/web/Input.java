package cn.gongji.web;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The fields of one record to validate: a JSON object from the agency API or a CSV row from the
 * importer. Both read through {@link FieldReader}, so an API call and a CSV row obey the same rules.
 */
public interface Input {

    /** The field's value as text; null when absent, JSON null or an empty CSV cell. */
    String text(String field) throws NotAValue;

    /** The field holds an object or an array where a single value belongs. */
    final class NotAValue extends Exception {
        public NotAValue() {
            super(null, null, false, false);
        }
    }

    static Input of(JsonNode object) {
        return field -> {
            JsonNode n = object.get(field);
            if (n == null || n.isNull() || n.isMissingNode()) {
                return null;
            }
            if (n.isContainer()) {
                throw new NotAValue();
            }
            return n.asString();
        };
    }

    static Input of(Map<String, String> row) {
        return field -> {
            String v = row.get(field);
            return v == null || v.isEmpty() ? null : v;
        };
    }
}
