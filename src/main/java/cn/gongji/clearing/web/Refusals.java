package cn.gongji.clearing.web;

import cn.gongji.clearing.ClearingRefused;
import cn.gongji.web.AgencyProblem;
import java.util.function.Supplier;

/** Clearing refusals as agency-API problems: 409 for conflicts with existing data, else 400 naming the field. */
final class Refusals {

    private Refusals() {}

    static <T> T refusing(Supplier<T> call) {
        try {
            return call.get();
        } catch (ClearingRefused e) {
            String field = e.field() == null ? "" : e.field();
            throw e.conflict() ? AgencyProblem.conflict(field, e.zh(), e.en()) : AgencyProblem.invalid(field, e.zh(), e.en());
        }
    }

    static String actor(String operator) {
        return cn.gongji.web.Actors.of("agency-api", operator);
    }
}
