package cn.gongji.web;

import tools.jackson.databind.JsonNode;

/** Shape checks on request bodies before their fields are read. */
public final class Bodies {

    private Bodies() {}

    public static FieldReader object(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw AgencyProblem.invalid("", "请求体应为 JSON 对象", "the body must be a JSON object");
        }
        return new FieldReader(Input.of(body));
    }
}
