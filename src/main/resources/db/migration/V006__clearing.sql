-- Clearing with institutions (issue 5, docs/clearing.md).
-- A period (institution, clr_type, month) is open while it has no clearing_period row; closing it
-- writes that row with the frozen statement, and clearing_item / clearing_deduction record which
-- settlement rows and recoveries it took. These three tables are insert-only (triggers below):
-- a closed statement is never edited; what comes later lands in the next open period.

create table clearing_period (
    fixmedins_code  text not null references institution (fixmedins_code),
    clr_type        text not null check (clr_type in ('11', '41')),
    month           date not null check (extract(day from month) = 1),
    closed_at       timestamptz not null,
    closed_by       text not null,
    payable         numeric(14, 2) not null,
    statement       json not null,            -- json, not jsonb: kept byte for byte as frozen
    primary key (fixmedins_code, clr_type, month)
);
create index clearing_period_month on clearing_period (month);

-- The settlement rows (originals and reversals) a closed statement took, each exactly once.
create table clearing_item (
    setl_id         text primary key references settlement (setl_id),
    fixmedins_code  text not null,
    clr_type        text not null,
    month           date not null,
    category        text not null check (category in ('settlement', 'cancellation', 'adjustment')),
    foreign key (fixmedins_code, clr_type, month) references clearing_period (fixmedins_code, clr_type, month)
);
create index clearing_item_period on clearing_item (fixmedins_code, clr_type, month);

-- Amounts confirmed as not payable (追回), entered by staff or by fund supervision.
create table clearing_recovery (
    recovery_id     bigserial primary key,
    setl_id         text not null references settlement (setl_id),
    fixmedins_code  text not null,
    clr_type        text not null,
    amount          numeric(14, 2) not null check (amount > 0),
    reason          text not null,
    source          text not null check (source in ('staff', 'supervision')),
    actor           text not null,
    created_at      timestamptz not null
);
create index clearing_recovery_inst on clearing_recovery (fixmedins_code, clr_type, created_at);
create index clearing_recovery_setl on clearing_recovery (setl_id);

-- Which closed statement deducted a recovery.
create table clearing_deduction (
    recovery_id     bigint primary key references clearing_recovery (recovery_id),
    fixmedins_code  text not null,
    clr_type        text not null,
    month           date not null,
    foreign key (fixmedins_code, clr_type, month) references clearing_period (fixmedins_code, clr_type, month)
);

create function clearing_history_is_immutable() returns trigger language plpgsql as $$
begin
    raise exception 'clearing history is insert-only: % on % refused', tg_op, tg_table_name;
end $$;
create trigger clearing_period_frozen before update or delete on clearing_period
    for each row execute function clearing_history_is_immutable();
create trigger clearing_item_frozen before update or delete on clearing_item
    for each row execute function clearing_history_is_immutable();
create trigger clearing_deduction_frozen before update or delete on clearing_deduction
    for each row execute function clearing_history_is_immutable();

-- Per-disease score schemes (按病种分值): a disease code -> score table and a budget per month.
create table score_scheme (
    scheme_code     text primary key,
    name            text not null,
    created_at      timestamptz not null default now()
);
create table score_scheme_disease (
    scheme_code     text not null references score_scheme (scheme_code),
    dise_codg       text not null,
    score           numeric(10, 2) not null check (score > 0),
    primary key (scheme_code, dise_codg)
);
create table score_scheme_budget (
    scheme_code     text not null references score_scheme (scheme_code),
    month           date not null check (extract(day from month) = 1),
    budget          numeric(14, 2) not null check (budget >= 0),
    primary key (scheme_code, month)
);
-- The point value of a scheme-month, fixed when the first period of the month that uses it closes.
create table score_point_value (
    scheme_code     text not null references score_scheme (scheme_code),
    month           date not null,
    budget          numeric(14, 2) not null,
    total_points    numeric(16, 2) not null,
    point_value     numeric(18, 6) not null,
    fixed_at        timestamptz not null,
    primary key (scheme_code, month)
);

-- Payment-method agreements (Art. 17), dated by month; without one an institution is paid fee-for-service.
create table clearing_agreement (
    agreement_id          bigserial primary key,
    fixmedins_code        text not null references institution (fixmedins_code),
    method                text not null check (method in ('fee_for_service', 'capitation', 'disease_score')),
    valid_from            date not null check (extract(day from valid_from) = 1),
    valid_to              date check (valid_to is null or (extract(day from valid_to) = 1 and valid_to >= valid_from)),
    capita_amount         numeric(14, 2) check (capita_amount is null or capita_amount >= 0),
    surplus_keep_rate     numeric(5, 4) check (surplus_keep_rate is null or surplus_keep_rate between 0 and 1),
    overspend_share_rate  numeric(5, 4) check (overspend_share_rate is null or overspend_share_rate between 0 and 1),
    scheme_code           text references score_scheme (scheme_code),
    actor                 text not null,
    created_at            timestamptz not null default now(),
    check (method <> 'capitation' or (capita_amount is not null and surplus_keep_rate is not null
                                      and overspend_share_rate is not null)),
    check (method <> 'disease_score' or scheme_code is not null)
);
create index clearing_agreement_inst on clearing_agreement (fixmedins_code, valid_from);

-- Persons enrolled with a primary-care institution under capitation (签约), by month.
create table clearing_enrolment (
    enrolment_id    bigserial primary key,
    psn_no          text not null references person (psn_no),
    fixmedins_code  text not null references institution (fixmedins_code),
    begin_month     date not null check (extract(day from begin_month) = 1),
    end_month       date check (end_month is null or (extract(day from end_month) = 1 and end_month >= begin_month)),
    created_at      timestamptz not null default now()
);
create index clearing_enrolment_inst on clearing_enrolment (fixmedins_code, begin_month);
create index clearing_enrolment_psn on clearing_enrolment (psn_no);

-- Reconciliation over the HIS protocol: files (9101 uploads, 3202 results for 9102), results, applications.
create table clearing_file (
    file_qury_no    text primary key,
    fixmedins_code  text not null references institution (fixmedins_code),
    filename        text not null,
    kind            text not null check (kind in ('upload', 'result')),
    content         bytea not null,
    created_at      timestamptz not null
);

create table clearing_reconciliation (
    recon_id        bigserial primary key,
    fixmedins_code  text not null references institution (fixmedins_code),
    infno           text not null check (infno in ('3201', '3202')),
    clr_type        text,                      -- null: every clearing type (3202 without clr_type)
    begndate        date not null,
    enddate         date not null,
    agreed          boolean not null,
    theirs          json not null,
    ours            json not null,
    dscr            text not null,
    upload_file     text references clearing_file (file_qury_no),
    result_file     text references clearing_file (file_qury_no),
    msgid           text not null,
    created_at      timestamptz not null
);
create index clearing_reconciliation_range on clearing_reconciliation (fixmedins_code, begndate, enddate, recon_id);

create table clearing_application (
    clr_appy_evt_id text primary key,
    fixmedins_code  text not null references institution (fixmedins_code),
    clr_type        text not null,
    setlym          date not null check (extract(day from setlym) = 1),
    begndate        date not null,
    enddate         date not null,
    figures         json not null,
    recon_id        bigint not null references clearing_reconciliation (recon_id),
    msgid           text not null,
    created_at      timestamptz not null,
    unique (fixmedins_code, clr_type, setlym)
);
create sequence clearing_seq;
