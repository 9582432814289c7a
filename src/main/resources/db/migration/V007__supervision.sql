-- Fund supervision (issue 6): rules and their parameters, warnings with evidence, the review
-- lifecycle with its audit trail, recoveries handed to clearing, monthly indicators.

-- 限医疗机构级别: the lowest institution level that may bill an item (null: any level).
alter table catalog_item add column min_level text check (min_level is null or min_level in ('L1', 'L2', 'L3'));

-- Deaths reported to the agency (civil-affairs / public-security data exchange, or staff). A charge
-- on or after died_on is a clear violation (rule R12).
create table person_death (
    psn_no       text primary key references person (psn_no),
    died_on      date not null,
    source       text not null,
    recorded_at  timestamptz not null default now()
);

-- Rules are code (small pure functions); what the agency may change is data: on/off and parameters.
create table supervision_rule (
    rule_id     text primary key,
    enabled     boolean not null default true,
    updated_at  timestamptz not null default now(),
    updated_by  text not null default 'migration'
);

create table supervision_rule_param (
    rule_id     text not null references supervision_rule (rule_id),
    name        text not null,
    value       numeric(16, 4) not null,
    updated_at  timestamptz not null default now(),
    updated_by  text not null default 'migration',
    primary key (rule_id, name)
);

insert into supervision_rule (rule_id) values
    ('R01'), ('R02'), ('R03'), ('R04'), ('R05'), ('R06'), ('R07'), ('R08'), ('R09'), ('R10'), ('R11'), ('R12'), ('R13'),
    ('I01'), ('I02'), ('I03'), ('I04'), ('I05'), ('I06');

-- The shipped defaults (the same values as cn.gongji.supervision.Rules; a test keeps them equal).
insert into supervision_rule_param (rule_id, name, value) values
    ('R01', 'min_repeats', 2),
    ('R02', 'tolerance', 0),
    ('R06', 'tolerance_ratio', 0.5),
    ('R07', 'window_days', 7),
    ('R07', 'max_visits', 4),
    ('R08', 'max_institutions', 2),
    ('R09', 'margin_hours', 2),
    ('R10', 'max_drug_amount', 1000),
    ('R10', 'max_drug_items', 5),
    ('R11', 'window_days', 30),
    ('R11', 'max_persons', 3),
    ('R11', 'max_amount', 3000),
    ('R11', 'max_count', 15),
    ('I01', 'z_yellow', 3), ('I01', 'z_orange', 4), ('I01', 'z_red', 6), ('I01', 'min_visits', 20), ('I01', 'min_spread', 0.1),
    ('I02', 'z_yellow', 3), ('I02', 'z_orange', 4), ('I02', 'z_red', 6), ('I02', 'min_visits', 20), ('I02', 'min_spread', 0.1),
    ('I03', 'z_yellow', 3), ('I03', 'z_orange', 4), ('I03', 'z_red', 6), ('I03', 'min_visits', 20), ('I03', 'min_spread', 10),
    ('I04', 'z_yellow', 3), ('I04', 'z_orange', 4), ('I04', 'z_red', 6), ('I04', 'min_visits', 20), ('I04', 'min_spread', 0.02),
    ('I05', 'z_yellow', 3), ('I05', 'z_orange', 4), ('I05', 'z_red', 6), ('I05', 'min_visits', 20), ('I05', 'min_spread', 0.03),
    ('I06', 'z_yellow', 3), ('I06', 'z_orange', 4), ('I06', 'z_red', 6), ('I06', 'min_visits', 20), ('I06', 'min_spread', 0.02);

-- A warning: one rule's finding about one settlement (or one account, or one institution-month),
-- with its evidence, moving through the review lifecycle. dedup_key makes every producer idempotent:
-- the settlement hook, a rescan and an indicator run never create the same warning twice.
create table supervision_warning (
    warning_id      bigserial primary key,
    dedup_key       text not null unique,
    source          text not null check (source in ('settlement', 'scan', 'indicator')),
    rule_id         text not null,
    rule_name       text not null,
    result_type     text not null check (result_type in ('suspicious', 'violation')),
    sev_deg         text not null,
    grade           text check (grade is null or grade in ('yellow', 'orange', 'red')),
    setl_id         text,
    mdtrt_id        text,
    psn_no          text,
    fixmedins_code  text,
    care_date       date not null,
    amount          numeric(14, 2) not null default 0,
    content         text not null,
    evidence        text not null,
    status          text not null default 'first_review'
                    check (status in ('first_review', 'second_review', 'appeal', 'verification', 'confirmed', 'dismissed')),
    due_at          timestamptz,
    appeal_text     text,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now()
);
create index supervision_warning_status on supervision_warning (status, due_at);
create index supervision_warning_inst on supervision_warning (fixmedins_code, care_date);
create index supervision_warning_setl on supervision_warning (setl_id) where setl_id is not null;

-- The audit trail: every transition, who made it and why.
create table supervision_warning_event (
    event_id     bigserial primary key,
    warning_id   bigint not null references supervision_warning (warning_id),
    from_status  text,
    to_status    text not null,
    action       text not null,
    actor_kind   text not null check (actor_kind in ('system', 'agency', 'institution')),
    actor        text not null,
    note         text,
    at           timestamptz not null default now()
);
create index supervision_warning_event_warning on supervision_warning_event (warning_id, event_id);

-- Handoff to clearing: a confirmed warning's recovery (追回), read by the clearing run, which sets
-- cleared_in when it deducts the amount from the institution's statement.
create table supervision_recovery (
    recovery_id     bigserial primary key,
    warning_id      bigint not null unique references supervision_warning (warning_id),
    setl_id         text,
    fixmedins_code  text not null,
    amount          numeric(14, 2) not null check (amount > 0),
    reason          text not null,
    confirmed_at    timestamptz not null,
    confirmed_by    text not null,
    cleared_in      text
);
create index supervision_recovery_open on supervision_recovery (fixmedins_code) where cleared_in is null;

-- Monthly indicator inputs per institution (Art. 22(2)), recomputed by the indicator run.
create table supervision_indicator_month (
    fixmedins_code   text not null,
    month            date not null check (extract(day from month) = 1),
    kind             text not null,
    level            text,
    visits           int not null,
    total            numeric(16, 2) not null,
    selfpay          numeric(16, 2) not null,
    exam_test        numeric(16, 2) not null,
    outside_catalog  numeric(16, 2) not null,
    computed_at      timestamptz not null default now(),
    primary key (fixmedins_code, month)
);

-- The scan reads a period's settlements by date of care.
create index settlement_care_date on settlement (care_date) where refd_setl_id is null and cancelled_at is null;
