package cn.gongji.policy;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/** All policy versions, each in force from its date until the next one's. */
public final class PolicyBook {

    private final List<PolicyVersion> versions;

    public PolicyBook(List<PolicyVersion> versions) {
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("a policy book needs at least one version");
        }
        this.versions = versions.stream().sorted(Comparator.comparing(PolicyVersion::effectiveFrom)).toList();
        for (int i = 1; i < this.versions.size(); i++) {
            if (this.versions.get(i).effectiveFrom().equals(this.versions.get(i - 1).effectiveFrom())) {
                throw new IllegalArgumentException("two policy versions take effect on " + this.versions.get(i).effectiveFrom());
            }
        }
    }

    /** The version in force on a date of care, or a refusal if the date precedes every version. */
    public PolicyVersion inForceOn(LocalDate date) {
        PolicyVersion found = null;
        for (PolicyVersion v : versions) {
            if (!v.effectiveFrom().isAfter(date)) {
                found = v;
            }
        }
        if (found == null) {
            throw new NoPolicyInForce(date, versions.get(0).effectiveFrom());
        }
        return found;
    }

    public List<PolicyVersion> versions() {
        return versions;
    }

    /** A date of care before the scheme began (2022-07-01 for Nanyang). */
    public static final class NoPolicyInForce extends RuntimeException {
        private final LocalDate date;
        private final LocalDate earliest;

        NoPolicyInForce(LocalDate date, LocalDate earliest) {
            super("no outpatient mutual-aid policy in force on " + date + " (the first starts " + earliest + ")");
            this.date = date;
            this.earliest = earliest;
        }

        public LocalDate date() {
            return date;
        }

        public LocalDate earliest() {
            return earliest;
        }
    }
}
