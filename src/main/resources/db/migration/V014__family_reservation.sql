-- Family mutual aid as reservation + confirmation/release (issue 10, must-have 2; docs/accounts.md
-- "Family mutual aid across shards"). Two tables, one on each side of the transfer, so that each
-- step is a transaction on ONE person's node when person-centred tables are sharded by psn_no.

-- The holder's side (sharded by the holder's psn_no): the money a holder's account put aside for a
-- member's settlement. Reserving writes this row and the family_payment entry in one transaction on
-- the holder's node; the row's state then says whether that entry stands (confirmed: the settlement
-- committed) or was given back (released: a family_refund entry with reason reservation_released).
create table account_reservation (
    psn_no         text not null references account (psn_no),   -- the holder
    ref            text not null,                               -- the member's setl_id
    member_psn_no  text not null,                               -- the patient (may live on another node)
    amount         numeric(14, 2) not null check (amount > 0),
    state          text not null check (state in ('reserved', 'confirmed', 'released')),
    reserved_at    timestamptz not null,
    resolved_at    timestamptz,
    actor          text not null,
    primary key (psn_no, ref)
);
-- the recovery sweep: reservations still open after the timeout
create index account_reservation_open on account_reservation (reserved_at) where state = 'reserved';

-- The member's side (sharded by the member's psn_no): which holders paid for a settlement. The
-- settlement's transaction inserts 'settled' rows; the recovery, deciding about an open reservation,
-- inserts a 'void' row under the same key. Whoever inserts first wins (the other waits for the first
-- transaction and then meets the key), so a reservation is confirmed or released exactly once and a
-- settlement can never commit on a reservation that was released.
-- A cancel (2208) of the settlement stamps reversal_setl_id in its own transaction; the holder's
-- family_refund is then posted on the holder's node and refunded_at stamped.
create table family_draw (
    psn_no            text not null,                         -- the member (patient)
    setl_id           text not null,
    holder_psn_no     text not null,
    amount            numeric(14, 2) not null check (amount > 0),
    outcome           text not null check (outcome in ('settled', 'void')),
    created_at        timestamptz not null,
    reversal_setl_id  text,
    reversed_at       timestamptz,
    refunded_at       timestamptz,
    primary key (psn_no, setl_id, holder_psn_no),
    check (outcome = 'settled' or reversal_setl_id is null),
    check (refunded_at is null or reversal_setl_id is not null)
);
-- the recovery sweep: cancels whose refund to the holder is not yet booked
create index family_draw_refund_open on family_draw (reversed_at)
    where reversal_setl_id is not null and refunded_at is null;

-- Settlements made before this migration posted family_payment on the holder inside the member's
-- transaction (one node). They get their 'settled' rows, and cancels already refunded their stamps,
-- so that a later cancel finds its holders here. (Right on one node; a sharded prototype store
-- holds no production data.)
insert into family_draw (psn_no, setl_id, holder_psn_no, amount, outcome, created_at,
                         reversal_setl_id, reversed_at, refunded_at)
select e.counterparty_psn_no, e.ref, e.psn_no, -e.amount, 'settled', e.created_at,
       r.setl_id, f.created_at, f.created_at
from account_entry e
join settlement s on s.setl_id = e.ref and s.psn_no = e.counterparty_psn_no
left join settlement r on r.refd_setl_id = s.setl_id
left join account_entry f on f.psn_no = e.psn_no and f.kind = 'family_refund' and f.ref = r.setl_id
where e.kind = 'family_payment' and e.counterparty_psn_no is not null
on conflict do nothing;
