-- Append-only audit log of the agency API (cn.gongji.ops.audit): staff reads of persons and every
-- change. Rows are only ever inserted: a trigger refuses UPDATE, DELETE and TRUNCATE for every
-- role (the service connects as the table's owner, so grants alone would not hold it).
create table audit_log (
    audit_id     bigserial primary key,
    at           timestamptz not null default now(),
    kind         text not null check (kind in ('read', 'change')),
    actor        text not null,          -- staff:<user>, admin-token, anonymous
    remote_addr  text,
    method       text not null,
    path         text not null,
    query        text,                   -- ID and mobile numbers masked
    psn_no       text,                   -- whose record, when the path names a person
    status       int not null
);
create index audit_log_psn on audit_log (psn_no, at) where psn_no is not null;
create index audit_log_at on audit_log (at);

create function audit_log_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_log is append-only: % refused', tg_op;
end
$$;
create trigger audit_log_no_update_delete before update or delete on audit_log
    for each row execute function audit_log_append_only();
create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_append_only();
revoke update, delete, truncate on audit_log from public;
