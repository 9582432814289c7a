package cn.gongji.account.db;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The end of a monthly credit run. {@code skipped} includes the persons already credited for the
 * month by an earlier (or concurrent) run; {@code failures} lists at most the first 1,000.
 */
public record CreditSummary(
        String month,
        int persons,
        int credited,
        int skipped,
        int failed,
        @JsonProperty("amount_credited") BigDecimal amountCredited,
        @JsonProperty("skipped_by_reason") Map<String, Integer> skippedByReason,
        List<Failure> failures,
        @JsonProperty("elapsed_ms") long elapsedMs) {

    public record Failure(@JsonProperty("psn_no") String psnNo, String reason) {}

    /** One line for the log and the command line. */
    public String describe() {
        return "credit " + month + ": " + persons + " persons, credited " + credited + " (" + amountCredited
                + " yuan), skipped " + skipped + " " + skippedByReason + ", failed " + failed + ", " + elapsedMs + " ms";
    }
}
