-- Issue 9, batching: the writes of SEVERAL 2207 settlements, and their stored answers, in one round
-- trip and a handful of set-based statements, where gongji_settle (V017) takes one round trip and six
-- statements for each settlement and the answer another.
--
-- The settlements are of DISTINCT persons (the batch takes one visit per person), each person's visit
-- and year accumulator locked by the caller's transaction in psn_no order. Every amount was computed in
-- Java (pure core), exactly as for gongji_settle; this function records the same effects:
--   new episodes (deductible_met set at once) and the deductible met in an existing episode,
--   the settlement rows,
--   which fee lines each covered (settlement_line) and the mark on those lines,
--   the fund payment added to each person's year accumulator.
--
-- p_settlements: a JSON array; each element holds the settlement row's columns by name
-- (jsonb_populate_record; amounts are JSON numbers, so exact) and new_episode_inst, new_episode_start
-- (set when the settlement opens an episode) and deductible. p_answers: the HIS answers of the batch's
-- messages, his_message's columns by name, stored with the settlements (a msgid seen before fails the
-- whole call, and the caller settles the batch's messages one by one). Returns each settlement's id
-- with the episode it counts in (null when not pooled).
create function gongji_settle_many(p_settlements jsonb, p_answers jsonb)
    returns table (settled_setl_id text, counted_episode_id bigint)
    language plpgsql as $$
declare
    -- the batch as arrays, so that each statement below finds its rows by index (= any(array)); a join
    -- with jsonb_array_elements alone is estimated at 100 rows and planned as a scan of the table
    v_setl      text[];
    v_mdtrt     text[];
    v_psn       text[];
    v_episode   bigint[];
begin
    select array_agg(s.setl_id order by e.k), array_agg(s.mdtrt_id order by e.k), array_agg(s.psn_no order by e.k),
           array_agg(s.episode_id order by e.k) filter (where s.episode_id is not null)
    into v_setl, v_mdtrt, v_psn, v_episode
    from jsonb_array_elements(p_settlements) with ordinality e(doc, k), jsonb_populate_record(null::settlement, e.doc) s;

    -- the deductible met in an episode that was already open
    if v_episode is not null then
        update episode ep set deductible_met = ep.deductible_met + cast(e ->> 'deductible' as numeric)
        from jsonb_array_elements(p_settlements) e, jsonb_populate_record(null::settlement, e) s
        where ep.episode_id = any(v_episode) and ep.episode_id = s.episode_id and e ->> 'new_episode_inst' is null
          and cast(e ->> 'deductible' as numeric) > 0;
    end if;

    -- new episodes and the settlement rows (one settlement per person in a batch, so psn_no finds
    -- the episode a settlement opened)
    return query
    with opened as (
        insert into episode (psn_no, fixmedins_code, started_at, deductible_met)
        select s.psn_no, e ->> 'new_episode_inst', cast(e ->> 'new_episode_start' as timestamp),
               greatest(cast(e ->> 'deductible' as numeric), 0)
        from jsonb_array_elements(p_settlements) e, jsonb_populate_record(null::settlement, e) s
        where e ->> 'new_episode_inst' is not null
        returning episode.episode_id, episode.psn_no
    )
    insert into settlement (setl_id, refd_setl_id, mdtrt_id, psn_no, fixmedins_code, clr_type, episode_id, setl_time,
                            care_date, year, policy_version, psn_type, level, med_type, medfee_sumamt,
                            fulamt_ownpay_amt, overlmt_selfpay, preselfpay_amt, inscp_scp_amt, act_pay_dedc, hifp_pay,
                            pool_prop_selfpay, fund_pay_sumamt, psn_part_amt, acct_pay, acct_mulaid_pay, psn_cash_pay,
                            hosp_part_amt, balc, crt_payb_lmt_amt, trace, msgid, cancelled_at)
    select s.setl_id, s.refd_setl_id, s.mdtrt_id, s.psn_no, s.fixmedins_code, s.clr_type,
           coalesce(s.episode_id, o.episode_id), s.setl_time, s.care_date, s.year, s.policy_version, s.psn_type,
           s.level, s.med_type, s.medfee_sumamt, s.fulamt_ownpay_amt, s.overlmt_selfpay, s.preselfpay_amt,
           s.inscp_scp_amt, s.act_pay_dedc, s.hifp_pay, s.pool_prop_selfpay, s.fund_pay_sumamt, s.psn_part_amt,
           s.acct_pay, s.acct_mulaid_pay, s.psn_cash_pay, s.hosp_part_amt, s.balc, s.crt_payb_lmt_amt, s.trace,
           s.msgid, null
    from jsonb_array_elements(p_settlements) e
    cross join jsonb_populate_record(null::settlement, e) s
    left join opened o on o.psn_no = s.psn_no
    returning settlement.setl_id, settlement.episode_id;

    -- the lines each settlement covered, and their mark
    with covered as (
        update fee_line f set setl_id = b.setl_id
        from unnest(v_mdtrt, v_setl) b(mdtrt_id, setl_id)
        where f.mdtrt_id = any(v_mdtrt) and f.mdtrt_id = b.mdtrt_id and f.cancelled_at is null and f.setl_id is null
        returning f.setl_id, f.line_id, f.psn_no, f.det_item_fee_sumamt, f.fulamt_ownpay_amt, f.overlmt_amt,
                  f.preselfpay_amt, f.inscp_scp_amt
    )
    insert into settlement_line (setl_id, line_id, psn_no, det_item_fee_sumamt, fulamt_ownpay_amt, overlmt_amt,
                                 preselfpay_amt, inscp_scp_amt)
    select c.setl_id, c.line_id, c.psn_no, c.det_item_fee_sumamt, c.fulamt_ownpay_amt, c.overlmt_amt,
           c.preselfpay_amt, c.inscp_scp_amt
    from covered c;

    -- the fund payments
    update year_accumulator a set pool_paid = a.pool_paid + s.hifp_pay
    from jsonb_array_elements(p_settlements) e, jsonb_populate_record(null::settlement, e) s
    where a.psn_no = any(v_psn) and a.psn_no = s.psn_no and a.year = s.year and s.hifp_pay > 0;

    -- the answers, stored with their effect
    insert into his_message (fixmedins_code, msgid, infno, body_sha256, psn_no, response)
    select m.fixmedins_code, m.msgid, m.infno, m.body_sha256, m.psn_no, m.response
    from jsonb_to_recordset(p_answers) as m(fixmedins_code text, msgid text, infno text, body_sha256 text,
                                             psn_no text, response text);
end
$$;
