-- Gongji core schema: reference data, registry, HIS protocol state, settlements, accumulators.
-- Every person-centred table carries psn_no (ARCHITECTURE.md "Partitioning"): it is the shard key.
-- Money is numeric(14,2) (yuan with fen); prices numeric(16,6); quantities numeric(16,4).

-- Policy parameter sets, dated and versioned. The Nanyang 2022 set ships as a resource and is
-- inserted at startup when missing; a settlement records the version_id that priced it.
create table policy_version (
    version_id      text primary key,
    effective_from  date not null unique,
    params          jsonb not null,
    created_at      timestamptz not null default now()
);

create table institution (
    fixmedins_code  text primary key,
    fixmedins_name  text not null,
    kind            text not null check (kind in ('hospital', 'pharmacy')),
    level           text check (level in ('L1', 'L2', 'L3')),
    admdvs          char(6) not null,
    dual_channel    boolean not null default false,
    external_rx     boolean not null default false,
    internet_of     text references institution (fixmedins_code),
    secret          text not null,
    active          boolean not null default true,
    created_at      timestamptz not null default now(),
    check (kind = 'pharmacy' or level is not null)
);

create table catalog_item (
    med_list_codg      text primary key,
    name               text not null,
    list_type          text not null,            -- 101 西药中成药, 102 中药饮片, 201 医疗服务项目, 301 医用耗材
    chrgitm_lv         char(2) not null check (chrgitm_lv in ('01', '02', '03')),
    selfpay_prop       numeric(5, 4) not null default 0 check (selfpay_prop >= 0 and selfpay_prop <= 1),
    pay_std            numeric(16, 6) check (pay_std is null or pay_std >= 0),
    med_chrgitm_type   text,                     -- 医疗收费项目类别, e.g. 09 西药费, 03 检查费, 04 化验费
    acct_payable       boolean not null default true,
    dual_channel       boolean not null default false,
    gender_limit       char(1) check (gender_limit is null or gender_limit in ('1', '2')),
    min_age            int,
    max_age            int,
    max_qty_per_visit  numeric(16, 4),
    updated_at         timestamptz not null default now()
);

create table person (
    psn_no          text primary key,
    certno          text not null unique,
    psn_cert_type   text not null default '01',
    psn_name        text not null,
    gend            char(1) not null check (gend in ('1', '2', '9')),
    naty            text not null default '01',
    brdy            date not null,
    insuplc_admdvs  char(6) not null,
    emp_name        text,
    insutype        text not null default '310',
    insu_date       date not null,
    paus_insu_date  date,
    card_no         text unique,
    card_sn         text,
    evoucher_token  text unique,
    phone           text,
    created_at      timestamptz not null default now()
);

-- Status history. A change processed on date x is in force from the first day of the next month
-- (POLICY.md §1); the initial status (seq 0) is in force from the start.
create table person_status (
    psn_no          text not null references person (psn_no),
    seq             int not null,
    status          text not null check (status in ('in_service', 'retired')),
    processed_date  date not null,
    created_at      timestamptz not null default now(),
    primary key (psn_no, seq)
);

create table family_binding (
    binding_id      bigserial primary key,
    psn_no          text not null references person (psn_no),   -- the account holder
    member_psn_no   text not null references person (psn_no),
    relation        text not null check (relation in ('spouse', 'parent', 'child')),
    bound_at        timestamptz not null default now(),
    unbound_at      timestamptz,
    check (psn_no <> member_psn_no)
);
create unique index family_binding_active on family_binding (psn_no, member_psn_no) where unbound_at is null;
create index family_binding_member on family_binding (member_psn_no) where unbound_at is null;

create table offsite_registration (
    registration_id bigserial primary key,
    psn_no          text not null references person (psn_no),
    admdvs          char(6) not null,
    category        text not null,
    begndate        date not null,
    enddate         date,
    created_at      timestamptz not null default now(),
    ended_at        timestamptz
);
create index offsite_registration_psn on offsite_registration (psn_no);

-- Personal account: balance kept beside the entries; the ledger enforces balance >= 0 and
-- balance = sum(entries) (checked by tests).
create table account (
    psn_no          text primary key references person (psn_no),
    balance         numeric(14, 2) not null default 0 check (balance >= 0),
    status          text not null default 'open' check (status in ('open', 'closed')),
    opened_at       timestamptz not null default now(),
    closed_at       timestamptz,
    closed_reason   text
);

create table account_entry (
    entry_id            bigserial primary key,
    psn_no              text not null references account (psn_no),
    amount              numeric(14, 2) not null,              -- signed: + credit, - debit
    kind                text not null,                        -- credit, payment, refund, family_payment, ...
    ref                 text not null,                        -- idempotency reference (setl_id, month, request)
    counterparty_psn_no text,                                 -- family mutual aid: whose care it paid
    balance_after       numeric(14, 2) not null,
    actor               text not null,
    memo                text,
    created_at          timestamptz not null default now(),
    unique (psn_no, kind, ref)
);

-- HIS protocol: sign-ins (9001/9002).
create table sign_in (
    sign_no         text primary key,
    fixmedins_code  text not null references institution (fixmedins_code),
    opter_no        text not null,
    sign_time       timestamptz not null,
    signed_out_at   timestamptz
);

-- Idempotency: the answer to every successful message, stored in the same transaction as its effect.
create table his_message (
    fixmedins_code  text not null,
    msgid           text not null,
    infno           text not null,
    body_sha256     text not null,
    psn_no          text,
    response        text not null,
    reversed_at     timestamptz,
    created_at      timestamptz not null default now(),
    primary key (fixmedins_code, msgid)
);

-- Outpatient visit (2201), pharmacy sale visit (2101/2102).
create table visit (
    mdtrt_id            text primary key,
    psn_no              text not null references person (psn_no),
    fixmedins_code      text not null references institution (fixmedins_code),
    episode_fixmedins   text not null,        -- the institution whose 24 h episode applies
    insutype            text not null,
    med_type            text not null,
    begntime            timestamp not null,   -- local time of care (Asia/Shanghai)
    ipt_otp_no          text,
    mdtrt_cert_type     text,
    mdtrt_cert_no       text,
    atddr_no            text,
    dr_name             text,
    dept_code           text,
    dept_name           text,
    caty                text,
    main_cond_dscr      text,
    dise_codg           text,
    dise_name           text,
    mdtrtarea_admvs     char(6),
    status              text not null default 'registered' check (status in ('registered', 'cancelled')),
    msgid               text,
    created_at          timestamptz not null default now()
);
create index visit_psn on visit (psn_no, begntime);

create table fee_line (
    line_id              bigserial primary key,
    mdtrt_id             text not null references visit (mdtrt_id),
    psn_no               text not null,
    feedetl_sn           text not null,
    chrg_bchno           text not null,
    rxno                 text,
    rx_circ_flag         text,
    rx_fixmedins_code    text,
    fee_ocur_time        timestamp,
    med_list_codg        text not null,
    medins_list_codg     text,
    pric                 numeric(16, 6) not null,
    cnt                  numeric(16, 4) not null,
    det_item_fee_sumamt  numeric(14, 2) not null,
    bilg_dept_codg       text,
    bilg_dept_name       text,
    bilg_dr_codg         text,
    bilg_dr_name         text,
    hosp_appr_flag       text,
    -- the pricing of the line at upload time (POLICY.md §2), kept as history
    chrgitm_lv           char(2) not null,
    med_chrgitm_type     text,
    selfpay_prop         numeric(5, 4) not null,
    pric_uplmt_amt       numeric(16, 6),
    fulamt_ownpay_amt    numeric(14, 2) not null,
    overlmt_amt          numeric(14, 2) not null,
    preselfpay_amt       numeric(14, 2) not null,
    inscp_scp_amt        numeric(14, 2) not null,
    acct_payable         boolean not null,
    memo                 text,
    setl_id              text,
    cancelled_at         timestamptz,
    created_at           timestamptz not null default now()
);
create unique index fee_line_live on fee_line (mdtrt_id, feedetl_sn) where cancelled_at is null;
create index fee_line_psn on fee_line (psn_no);

-- The 24-hour deductible episode of a person at one institution (POLICY.md §3 step 2).
create table episode (
    episode_id       bigserial primary key,
    psn_no           text not null,
    fixmedins_code   text not null,
    started_at       timestamp not null,
    deductible_met   numeric(14, 2) not null default 0 check (deductible_met >= 0)
);
create index episode_lookup on episode (psn_no, fixmedins_code, started_at);

-- Settlements and their reversals. A cancel is a new row (refd_setl_id -> the original) with the
-- amounts negated; the original is stamped cancelled_at, never deleted or re-priced.
create table settlement (
    setl_id            text primary key,
    refd_setl_id       text references settlement (setl_id),
    mdtrt_id           text not null references visit (mdtrt_id),
    psn_no             text not null,
    fixmedins_code     text not null,
    clr_type           text not null,          -- 11 outpatient, 41 pharmacy
    episode_id         bigint references episode (episode_id),
    setl_time          timestamptz not null,
    care_date          date not null,
    year               int not null,
    policy_version     text not null,
    psn_type           text not null,
    level              text,
    med_type           text not null,
    medfee_sumamt      numeric(14, 2) not null,
    fulamt_ownpay_amt  numeric(14, 2) not null,
    overlmt_selfpay    numeric(14, 2) not null,
    preselfpay_amt     numeric(14, 2) not null,
    inscp_scp_amt      numeric(14, 2) not null,
    act_pay_dedc       numeric(14, 2) not null,
    hifp_pay           numeric(14, 2) not null,
    pool_prop_selfpay  numeric(5, 4) not null,
    fund_pay_sumamt    numeric(14, 2) not null,
    psn_part_amt       numeric(14, 2) not null,
    acct_pay           numeric(14, 2) not null,
    acct_mulaid_pay    numeric(14, 2) not null,
    psn_cash_pay       numeric(14, 2) not null,
    hosp_part_amt      numeric(14, 2) not null default 0,
    balc               numeric(14, 2) not null,
    crt_payb_lmt_amt   numeric(14, 2) not null,
    trace              text not null,
    msgid              text not null,
    cancelled_at       timestamptz,
    created_at         timestamptz not null default now()
);
-- one live settlement per visit, however often it is retried
create unique index settlement_one_per_visit on settlement (mdtrt_id) where refd_setl_id is null and cancelled_at is null;
-- a settlement is cancelled at most once
create unique index settlement_one_reversal on settlement (refd_setl_id) where refd_setl_id is not null;
create index settlement_psn on settlement (psn_no, year);
create index settlement_inst on settlement (fixmedins_code, setl_time);

-- What the pooling fund paid a person for ordinary outpatient care in a calendar year. The row is
-- locked by every settlement of the person (ARCHITECTURE.md invariant 2).
create table year_accumulator (
    psn_no      text not null,
    year        int not null,
    pool_paid   numeric(14, 2) not null default 0 check (pool_paid >= 0),
    primary key (psn_no, year)
);
