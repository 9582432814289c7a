-- Registry additions (agency API, CSV import, demo data).

-- Person numbers are "4113" + a 16-digit zero-padded value of this sequence
-- (4113 = Nanyang's administrative prefix): 41130000000000000001, ...
create sequence psn_no_seq minvalue 1 start with 1;

-- The contribution base (缴费基数) a person's monthly account credit is computed from
-- (POLICY.md §5). effective_month is the first day of the month from which the amount applies.
create table contribution_base (
    psn_no          text not null references person (psn_no),
    effective_month date not null check (extract(day from effective_month) = 1),
    amount          numeric(14, 2) not null check (amount >= 0),
    created_at      timestamptz not null default now(),
    primary key (psn_no, effective_month)
);
