-- Web console (issue 7): staff accounts, insured persons' sign-in credentials, failed sign-ins
-- (for throttling), and an index for the dashboard's by-day aggregates.

-- Agency staff. A role decides which pages and actions a person may use (docs/console.md).
-- password_hash is a DelegatingPasswordEncoder string ({bcrypt}...), never the password.
create table staff (
    username        text primary key check (username ~ '^[a-z0-9][a-z0-9_.-]{1,31}$'),
    display_name    text not null,
    role            text not null check (role in ('operator', 'auditor', 'finance', 'admin')),
    password_hash   text not null,
    active          boolean not null default true,
    created_by      text not null,
    created_at      timestamptz not null default now(),
    password_set_at timestamptz not null default now()
);

-- The password an insured person signs in with at /me, set by agency staff (docs/decisions/console.md).
create table insured_credential (
    psn_no          text primary key references person (psn_no),
    password_hash   text not null,
    set_by          text not null,
    set_at          timestamptz not null default now()
);

-- Failed sign-ins, per realm (staff | insured) and the name that was typed. Too many recent failures
-- lock that name for a while; a success clears its failures.
create table sign_in_failure (
    realm           text not null check (realm in ('staff', 'insured')),
    subject         text not null,
    failed_at       timestamptz not null default now(),
    remote_addr     text
);
create index sign_in_failure_lookup on sign_in_failure (realm, subject, failed_at);

-- Dashboard: settlements and fund payments by day over all institutions.
create index settlement_time on settlement (setl_time);
