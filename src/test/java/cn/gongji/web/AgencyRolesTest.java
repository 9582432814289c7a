package cn.gongji.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AgencyRolesTest {

    @Test
    void every_role_reads_and_admin_does_everything() {
        for (String role : new String[] {"operator", "auditor", "finance", "admin"}) {
            assertThat(AgencyRoles.allowed(role, "GET", "/api/admin/persons/41130000000000000001")).isTrue();
            assertThat(AgencyRoles.allowed(role, "GET", "/api/admin/clearing/statements")).isTrue();
        }
        assertThat(AgencyRoles.allowed("admin", "POST", "/api/admin/institutions")).isTrue();
        assertThat(AgencyRoles.allowed("admin", "PUT", "/api/admin/supervision/rules/R01")).isTrue();
    }

    @Test
    void operators_change_persons_bindings_and_registrations_but_not_money_or_reviews() {
        assertThat(AgencyRoles.allowed("operator", "POST", "/api/admin/persons")).isTrue();
        assertThat(AgencyRoles.allowed("operator", "POST", "/api/admin/persons/4113/family-bindings")).isTrue();
        assertThat(AgencyRoles.allowed("operator", "DELETE", "/api/admin/persons/4113/family-bindings/7")).isTrue();
        assertThat(AgencyRoles.allowed("operator", "PATCH", "/api/admin/persons/4113/offsite-registrations/3")).isTrue();
        assertThat(AgencyRoles.allowed("operator", "POST", "/api/admin/persons/4113/account/payout")).isFalse();
        assertThat(AgencyRoles.allowed("operator", "POST", "/api/admin/accounts/credits")).isFalse();
        assertThat(AgencyRoles.allowed("operator", "POST", "/api/admin/supervision/scans")).isFalse();
        assertThat(AgencyRoles.allowed("operator", "POST", "/api/admin/institutions")).isFalse();
    }

    @Test
    void finance_moves_money_and_clears_but_registers_nobody() {
        assertThat(AgencyRoles.allowed("finance", "POST", "/api/admin/accounts/credits")).isTrue();
        assertThat(AgencyRoles.allowed("finance", "POST", "/api/admin/persons/4113/account/contributions")).isTrue();
        assertThat(AgencyRoles.allowed("finance", "POST", "/api/admin/clearing/periods/close")).isTrue();
        assertThat(AgencyRoles.allowed("finance", "POST", "/api/admin/clearing/recoveries")).isTrue();
        assertThat(AgencyRoles.allowed("finance", "POST", "/api/admin/persons")).isFalse();
        assertThat(AgencyRoles.allowed("finance", "POST", "/api/admin/supervision/warnings/1/transitions")).isFalse();
    }

    @Test
    void auditors_review_and_scan_but_change_no_rule_parameter_nor_person() {
        assertThat(AgencyRoles.allowed("auditor", "POST", "/api/admin/supervision/warnings/1/transitions")).isTrue();
        assertThat(AgencyRoles.allowed("auditor", "POST", "/api/admin/supervision/scans")).isTrue();
        assertThat(AgencyRoles.allowed("auditor", "POST", "/api/admin/supervision/indicators")).isTrue();
        assertThat(AgencyRoles.allowed("auditor", "PUT", "/api/admin/supervision/rules/R01")).isFalse();
        assertThat(AgencyRoles.allowed("auditor", "POST", "/api/admin/persons")).isFalse();
        assertThat(AgencyRoles.allowed("auditor", "POST", "/api/admin/clearing/periods/close")).isFalse();
    }

    @Test
    void a_change_no_rule_names_is_for_admin_only_and_an_unknown_role_does_nothing() {
        assertThat(AgencyRoles.allowed("finance", "POST", "/api/admin/some-future-endpoint")).isFalse();
        assertThat(AgencyRoles.allowed("operator", "POST", "/api/admin/catalog/items")).isFalse();
        assertThat(AgencyRoles.allowed("root", "GET", "/api/admin/persons/1")).isFalse();
        assertThat(AgencyRoles.allowed(null, "GET", "/api/admin/persons/1")).isFalse();
    }
}
