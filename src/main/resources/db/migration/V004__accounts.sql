-- Personal-account ledger (issue 3, POLICY.md §5). The account and account_entry tables are V001's;
-- this adds the reason code, fixes the entry kinds, and indexes the statement queries.

-- Every entry carries a reason code (monthly_credit_in_service, settlement, death, ...). Entries
-- written without one (older writers) read as 'unspecified'.
alter table account_entry add column reason text not null default 'unspecified';

alter table account_entry add constraint account_entry_kind check (kind in (
    'credit', 'payment', 'refund', 'family_payment', 'family_refund', 'contribution',
    'transfer_out', 'transfer_in', 'payout', 'correction', 'opening_balance'));

-- Statements: a person's entries over a period, in order.
create index account_entry_psn_time on account_entry (psn_no, created_at, entry_id);

-- Year figures: what family members' accounts paid for this person.
create index account_entry_counterparty on account_entry (counterparty_psn_no, created_at)
    where counterparty_psn_no is not null;
