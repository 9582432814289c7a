-- Issue 9: the writes of one 2207 settlement in ONE round trip.
--
-- Settler computes the settlement in Java (pure core) under the locks it took on the visit and on
-- the person's year accumulator; this function then records every effect of it in the caller's
-- transaction, exactly the statements the Java code used to send one by one:
--   a new episode (when the visit opens one) and the deductible it met,
--   the settlement row,
--   which fee lines it covered (settlement_line) and the mark on those lines,
--   the fund payment added to the year accumulator.
-- The account postings stay with the Ledger (the one place that writes account entries).
--
-- p_settlement holds the settlement row's columns by name (jsonb_populate_record; amounts are JSON
-- numbers, so exact). Returns the episode id the settlement is counted in (null when not pooled).
-- Called as  select gongji_settle(...) from year_accumulator where psn_no = ? and year = ?  so a
-- sharded deployment routes the call to the person's node (the row was locked by the same
-- transaction just before, so exactly one row and one call).
create function gongji_settle(p_settlement jsonb, p_new_episode_inst text, p_new_episode_start timestamp,
                              p_deductible numeric) returns bigint
    language plpgsql as $$
declare
    s         settlement;
    counted   bigint;     -- the episode the settlement counts in
begin
    s := jsonb_populate_record(null::settlement, p_settlement);
    counted := s.episode_id;
    if p_new_episode_inst is not null then
        insert into episode (psn_no, fixmedins_code, started_at)
        values (s.psn_no, p_new_episode_inst, p_new_episode_start)
        returning episode_id into counted;
    end if;
    if p_deductible > 0 then
        update episode set deductible_met = deductible_met + p_deductible where episode_id = counted;
    end if;
    insert into settlement (setl_id, refd_setl_id, mdtrt_id, psn_no, fixmedins_code, clr_type, episode_id, setl_time,
                            care_date, year, policy_version, psn_type, level, med_type, medfee_sumamt,
                            fulamt_ownpay_amt, overlmt_selfpay, preselfpay_amt, inscp_scp_amt, act_pay_dedc, hifp_pay,
                            pool_prop_selfpay, fund_pay_sumamt, psn_part_amt, acct_pay, acct_mulaid_pay, psn_cash_pay,
                            hosp_part_amt, balc, crt_payb_lmt_amt, trace, msgid, cancelled_at)
    values (s.setl_id, s.refd_setl_id, s.mdtrt_id, s.psn_no, s.fixmedins_code, s.clr_type, counted, s.setl_time,
            s.care_date, s.year, s.policy_version, s.psn_type, s.level, s.med_type, s.medfee_sumamt,
            s.fulamt_ownpay_amt, s.overlmt_selfpay, s.preselfpay_amt, s.inscp_scp_amt, s.act_pay_dedc, s.hifp_pay,
            s.pool_prop_selfpay, s.fund_pay_sumamt, s.psn_part_amt, s.acct_pay, s.acct_mulaid_pay, s.psn_cash_pay,
            s.hosp_part_amt, s.balc, s.crt_payb_lmt_amt, s.trace, s.msgid, null);
    with covered as (
        update fee_line set setl_id = s.setl_id
        where mdtrt_id = s.mdtrt_id and cancelled_at is null and setl_id is null
        returning line_id, psn_no, det_item_fee_sumamt, fulamt_ownpay_amt, overlmt_amt, preselfpay_amt, inscp_scp_amt
    )
    insert into settlement_line (setl_id, line_id, psn_no, det_item_fee_sumamt, fulamt_ownpay_amt, overlmt_amt,
                                 preselfpay_amt, inscp_scp_amt)
    select s.setl_id, line_id, psn_no, det_item_fee_sumamt, fulamt_ownpay_amt, overlmt_amt, preselfpay_amt,
           inscp_scp_amt
    from covered;
    if s.hifp_pay > 0 then
        update year_accumulator set pool_paid = pool_paid + s.hifp_pay where psn_no = s.psn_no and year = s.year;
    end if;
    return counted;
end
$$;

-- A settlement marks its fee lines (fee_line.setl_id). With setl_id out of every index and some free
-- room on each page, that update is a HOT update: no new entry in any of fee_line's indexes.
-- The one reader by setl_id (a cancel releasing the lines) finds them through settlement_line.
drop index fee_line_setl;
alter table fee_line set (fillfactor = 85);
