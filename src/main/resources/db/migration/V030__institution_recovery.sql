-- POLICY.md §7: a recovery confirmed from an indicator warning names an institution, not one
-- settlement; it is deducted in the institution's next open statement like any other recovery
-- (RecoveryService.recordForInstitution). Such a row has no setl_id.
alter table clearing_recovery alter column setl_id drop not null;
