package cn.gongji.benefit;

/**
 * One line of a settlement's explanation.
 *
 * @param rule a stable code of the rule applied (LINES, DEDUCTIBLE, RATIO, LIMIT, ...), for tests and tools
 * @param text the explanation in words, for staff and institutions
 */
public record TraceStep(String rule, String text) {

    @Override
    public String toString() {
        return text;
    }
}
