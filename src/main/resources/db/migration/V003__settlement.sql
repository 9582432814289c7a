-- Settlement additions (HIS protocol, issue 2 items 6–8).

-- Identifiers handed to institutions: mdtrt_id "M" + yyyyMMddHHmmss + 8 digits, setl_id "S" + ...,
-- sign_no "N" + ... (time-ordered, unique because the sequence part never repeats).
create sequence mdtrt_seq;
create sequence setl_seq;
create sequence sign_seq;

-- The 2204 message a line came with, so a 2601 reversal of that message can cancel its lines.
alter table fee_line add column msgid text;
create index fee_line_msgid on fee_line (msgid) where msgid is not null;
create index fee_line_setl on fee_line (setl_id) where setl_id is not null;

-- Which lines a settlement covered, with their split at the time (the fee_line row loses its
-- setl_id when the settlement is cancelled; this history stays).
create table settlement_line (
    setl_id              text not null references settlement (setl_id),
    line_id              bigint not null references fee_line (line_id),
    psn_no               text not null,
    det_item_fee_sumamt  numeric(14, 2) not null,
    fulamt_ownpay_amt    numeric(14, 2) not null,
    overlmt_amt          numeric(14, 2) not null,
    preselfpay_amt       numeric(14, 2) not null,
    inscp_scp_amt        numeric(14, 2) not null,
    primary key (setl_id, line_id)
);

-- A cancel refunds the entries a settlement drew: found by their ref (the setl_id).
create index account_entry_ref on account_entry (ref);
create index settlement_visit on settlement (mdtrt_id);
