-- Issue 9, eighth pass: a settlement batch locks its visits and reads their state in ONE call.
--
-- Before, a batch (Settler.settleBatch) took three round trips: the lock of its visits with their
-- persons' accumulators (gongji_lock_visits_with_accumulator, V021), the state read of every visit
-- (SettlementStore.settleStates), and the write, which commits. The state read needs the keys of
-- each visit (person, episode institution, time of care), which only the lock returned. This
-- function computes those keys from the locked visit rows itself and so does both, in the order
-- and with the statements the Java code used:
--
--   1. the visits with their persons' accumulators of the visit's year, locked in psn_no, mdtrt_id
--      order (exactly V021's statement);
--   2. only when some visit's person has no accumulator for that year yet (the first settlement of
--      the year): those visits are locked (in the same order), the accumulators created, and then
--      locked with their visits. Visits first, then accumulators: the order the one-by-one path
--      takes them in, so no cycle with it. "created" tells the caller which persons' rows were made
--      here, to remove them again when the batch does not settle those persons after all;
--   3. the state read of every visit locked: a statement of its own, after the locks, so in READ
--      COMMITTED it takes its own snapshot and sees everything committed before they were granted.
--      Its sub-queries are those of SettlementStore.STATE_SUBQUERIES, with the keys taken from the
--      visit row: p = psn_no, i = episode_fixmedins, at = begntime, d = the day of care,
--      efrom = at - p_window, hfrom = at - p_history_days days, hto = the day after the day of care.
--      As in settleStates, the sub-queries run once per visit (a materialized CTE), and the person and
--      the open lines are joined to that.
--
-- p_window is the episode window of the policy the caller expects to be in force (the one of
-- today); the caller checks, for each visit, that the policy in force on the visit's day has that
-- window, and reads again (settleStates) any visit for which it has not. p_history_days is
-- supervision's history window.
--
-- One row per open line of each visit locked (line_row null when it has none), ordered by the
-- visit's place in p_mdtrt_ids (ord, from 1) and then by line. A visit that does not exist has no
-- row; person_row is null when its person does not exist. Batches are off on sharded nodes, so
-- ShardingSphere never sees the call.
create function gongji_lock_and_read_for_settlement(p_mdtrt_ids text[], p_window interval, p_history_days int)
    returns table (ord int, visit_row visit, pool_paid numeric, created boolean, person_row person,
                   live_setl_id text, status_codes text[], status_dates date[], insurance_status text,
                   insurance_from date, episode_ids bigint[], episode_starts timestamp[],
                   episode_deductibles numeric[], own_balance numeric, died_on date, prior_visits text[],
                   line_row fee_line)
    language plpgsql
    set plan_cache_mode = force_generic_plan
as $$
#variable_conflict use_column
declare
    v_missing text[];
    v_created text[] := '{}';
begin
    perform 1
    from visit v
    join year_accumulator a on a.psn_no = v.psn_no and a.year = cast(extract(year from v.begntime) as int)
    where v.mdtrt_id = any(p_mdtrt_ids)
    order by v.psn_no, v.mdtrt_id
    for update;

    select array_agg(v.mdtrt_id) into v_missing
    from visit v
    where v.mdtrt_id = any(p_mdtrt_ids)
      and not exists (select 1 from year_accumulator a
                      where a.psn_no = v.psn_no and a.year = cast(extract(year from v.begntime) as int));
    if v_missing is not null then
        perform 1 from visit v where v.mdtrt_id = any(v_missing) order by v.psn_no, v.mdtrt_id for update;
        with made as (
            insert into year_accumulator (psn_no, year)
            select distinct v.psn_no, cast(extract(year from v.begntime) as int)
            from visit v where v.mdtrt_id = any(v_missing)
            order by 1, 2
            on conflict (psn_no, year) do nothing
            returning year_accumulator.psn_no)
        select coalesce(array_agg(made.psn_no), '{}') into v_created from made;
        perform 1
        from visit v
        join year_accumulator a on a.psn_no = v.psn_no and a.year = cast(extract(year from v.begntime) as int)
        where v.mdtrt_id = any(v_missing)
        order by v.psn_no, v.mdtrt_id
        for update;
    end if;

    -- the state of each visit once (materialized), then its person and its open lines joined to it
    return query
    with st as materialized (
        select cast(k.ord as int) as o, vv as v, a.pool_paid as paid, a.psn_no = any(v_created) as made,
               (select s.setl_id from settlement s
                 where s.mdtrt_id = vv.mdtrt_id and s.refd_setl_id is null and s.cancelled_at is null) as live,
               array(select x.status from person_status x where x.psn_no = vv.psn_no order by x.seq) as codes,
               array(select x.processed_date from person_status x where x.psn_no = vv.psn_no order by x.seq) as dates,
               (select c.status from insurance_status_change c
                 where c.psn_no = vv.psn_no and c.effective_date <= cast(vv.begntime as date)
                 order by c.effective_date desc, c.change_id desc limit 1) as ins,
               (select c.effective_date from insurance_status_change c
                 where c.psn_no = vv.psn_no and c.effective_date <= cast(vv.begntime as date)
                 order by c.effective_date desc, c.change_id desc limit 1) as ins_from,
               array(select e.episode_id from episode e
                 where e.psn_no = vv.psn_no and e.fixmedins_code = vv.episode_fixmedins
                   and e.started_at > vv.begntime - p_window and e.started_at <= vv.begntime
                 order by e.started_at, e.episode_id) as e_ids,
               array(select e.started_at from episode e
                 where e.psn_no = vv.psn_no and e.fixmedins_code = vv.episode_fixmedins
                   and e.started_at > vv.begntime - p_window and e.started_at <= vv.begntime
                 order by e.started_at, e.episode_id) as e_starts,
               array(select e.deductible_met from episode e
                 where e.psn_no = vv.psn_no and e.fixmedins_code = vv.episode_fixmedins
                   and e.started_at > vv.begntime - p_window and e.started_at <= vv.begntime
                 order by e.started_at, e.episode_id) as e_met,
               (select ac.balance from account ac where ac.psn_no = vv.psn_no and ac.status = 'open') as own,
               (select max(d.died_on) from person_death d where d.psn_no = vv.psn_no) as died,
               array(select array[pv.mdtrt_id, pv.fixmedins_code, pv.episode_fixmedins, pv.begntime::text,
                                  ps.medfee_sumamt::text]
                 from visit pv
                 join lateral (select s.medfee_sumamt from settlement s
                               where s.mdtrt_id = pv.mdtrt_id and s.refd_setl_id is null and s.cancelled_at is null) ps on true
                 where pv.psn_no = vv.psn_no and pv.begntime >= vv.begntime - make_interval(days => p_history_days)
                   and pv.begntime < cast(cast(vv.begntime as date) + 1 as timestamp) and pv.mdtrt_id <> vv.mdtrt_id
                 order by pv.begntime, pv.mdtrt_id) as prior
        from unnest(p_mdtrt_ids) with ordinality k(m, ord)
        join visit vv on vv.mdtrt_id = k.m
        join year_accumulator a on a.psn_no = vv.psn_no and a.year = cast(extract(year from vv.begntime) as int))
    select st.o, st.v, st.paid, st.made, pp, st.live, st.codes, st.dates, st.ins, st.ins_from, st.e_ids, st.e_starts,
           st.e_met, st.own, st.died, st.prior, ff
    from st
    left join person pp on pp.psn_no = (st.v).psn_no
    left join fee_line ff on ff.mdtrt_id = (st.v).mdtrt_id and ff.psn_no = (st.v).psn_no
                         and ff.cancelled_at is null and ff.setl_id is null
    order by st.o, ff.line_id;
end
$$;

-- gongji_lock_visits_with_accumulator (V021) served only the batch, and this function replaces it.
drop function gongji_lock_visits_with_accumulator(text[]);
