-- Pharmacies, external prescriptions, insurance status and off-site registration history (issue 4).

-- One fill of an external prescription (外配处方) or a dual-channel prescription, identified by the
-- prescribing institution and its rxno. A live fill (released_at null) blocks a second one; the
-- cancel (2103/2208/2601) of the sale stamps released_at, which frees the prescription and keeps
-- the history.
create table rx_fill (
    fill_id             bigserial primary key,
    rx_fixmedins_code   text not null references institution (fixmedins_code),
    rxno                text not null,
    setl_id             text not null references settlement (setl_id),
    psn_no              text not null,
    fixmedins_code      text not null,              -- the pharmacy that filled it
    filled_at           timestamptz not null,
    released_at         timestamptz
);
create unique index rx_fill_live on rx_fill (rx_fixmedins_code, rxno) where released_at is null;
create index rx_fill_setl on rx_fill (setl_id);

-- Insurance status events (参保状态): a suspension (暂停) or end (终止) from a date, or a
-- resumption. person.paus_insu_date mirrors the latest suspension/end for 1101; the events are
-- the history settlement reads (no pooling on a date the insurance is suspended or ended).
create table insurance_status_change (
    change_id       bigserial primary key,
    psn_no          text not null references person (psn_no),
    status          text not null check (status in ('suspended', 'ended', 'active')),
    effective_date  date not null,
    reason          text,
    created_at      timestamptz not null default now()
);
create index insurance_status_change_psn on insurance_status_change (psn_no, effective_date);

-- Off-site registration history: a change or an end writes a new version; the previous version
-- is stamped ended_at and superseded_by (never edited otherwise). Only versions with ended_at
-- null are in force.
alter table offsite_registration add column superseded_by bigint references offsite_registration (registration_id);
alter table offsite_registration add column change_kind text not null default 'filed'
    check (change_kind in ('filed', 'changed', 'ended'));
alter table offsite_registration add column reason text;
-- the registration's first version (null on the first version itself)
alter table offsite_registration add column first_id bigint references offsite_registration (registration_id);
