-- gongji_lock_and_read_for_settlement (V028) also reads the episodes that started within the window
-- AFTER a visit's begntime, not only before it (docs/decisions.md D2).
--
-- A visit registered after a later visit at the same institution was settled (begntime backdated,
-- as a HIS may do within gongji.settlement.max-backdate) found no episode that started before it and
-- opened its own, so two visits an hour apart paid two deductibles (POLICY.md §3 step 2: 24小时内同一
-- 医院多次就诊的只记一次起付标准). Now the function returns the episodes started in
-- (begntime - window, begntime + window) and cn.gongji.benefit.EpisodeRule.find chooses: the latest
-- that covers the visit, else the earliest that started less than the window after it. The New Year
-- guard (V028) already covered both sides of begntime. SettlementStore's reads (one by one, batches
-- on sharded nodes, pharmacy sales) take the same range.
--
-- The rest is V028's function unchanged.
create or replace function gongji_lock_and_read_for_settlement(p_mdtrt_ids text[], p_window interval, p_history_days int)
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
    v_visits int;
    v_locked text[];
    v_also text[];
    v_created text[] := '{}';
    v_near boolean;
    v_guard record;
begin
    -- 1. the visits, in psn_no, mdtrt_id order: the order of every path that locks several visits
    select count(*) into v_visits
    from (select 1 from visit v where v.mdtrt_id = any(p_mdtrt_ids) order by v.psn_no, v.mdtrt_id for update) x;

    -- 2. their accumulators of the visits' years, in the same order; what this returns is what the
    --    read below may return
    select coalesce(array_agg(l.mdtrt_id), '{}'), coalesce(bool_or(l.near), false) into v_locked, v_near
    from (select v.mdtrt_id,
                 extract(year from v.begntime - p_window) <> extract(year from v.begntime + p_window) as near
          from visit v
          join year_accumulator a on a.psn_no = v.psn_no and a.year = cast(extract(year from v.begntime) as int)
          where v.mdtrt_id = any(p_mdtrt_ids)
          order by v.psn_no, v.mdtrt_id
          for update of a) l;

    -- 3. only when 2 did not lock every visit (a person's first settlement of the year, or a creator
    --    in flight that 2 did not see): the accumulators of those visits created (ON CONFLICT DO NOTHING
    --    waits for a creator in flight and leaves a row it committed), then locked
    if cardinality(v_locked) < v_visits then
        with made as (
            insert into year_accumulator (psn_no, year)
            select distinct v.psn_no, cast(extract(year from v.begntime) as int)
            from visit v
            where v.mdtrt_id = any(p_mdtrt_ids) and not (v.mdtrt_id = any(v_locked))
            order by 1, 2
            on conflict (psn_no, year) do nothing
            returning year_accumulator.psn_no)
        select coalesce(array_agg(made.psn_no), '{}') into v_created from made;
        select coalesce(array_agg(l.mdtrt_id), '{}') into v_also
        from (select v.mdtrt_id
              from visit v
              join year_accumulator a on a.psn_no = v.psn_no and a.year = cast(extract(year from v.begntime) as int)
              where v.mdtrt_id = any(p_mdtrt_ids) and not (v.mdtrt_id = any(v_locked))
              order by v.psn_no, v.mdtrt_id
              for update of a) l;
        v_locked := v_locked || v_also;
        v_near := true;   -- step 4 decides for the visits added here too
    end if;

    -- 4. only when a visit's episode window may contain a 1 January 00:00: the person's guard of each
    --    such New Year (the key of SettlementStore.lockEpisodeYears), in psn_no, year order, after every
    --    accumulator, before the read
    if v_near then
        for v_guard in
            select distinct v.psn_no, k.year
            from visit v
            cross join lateral generate_series(cast(extract(year from v.begntime - p_window) as int) + 1,
                                               cast(extract(year from v.begntime + p_window) as int)) k(year)
            where v.mdtrt_id = any(v_locked)
              and make_timestamp(k.year, 1, 1, 0, 0, 0) > v.begntime - p_window
              and make_timestamp(k.year, 1, 1, 0, 0, 0) < v.begntime + p_window
            order by v.psn_no, k.year
        loop
            perform pg_advisory_xact_lock(v_guard.year, hashtext(v_guard.psn_no));
        end loop;
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
                   and e.started_at > vv.begntime - p_window and e.started_at < vv.begntime + p_window
                 order by e.started_at, e.episode_id) as e_ids,
               array(select e.started_at from episode e
                 where e.psn_no = vv.psn_no and e.fixmedins_code = vv.episode_fixmedins
                   and e.started_at > vv.begntime - p_window and e.started_at < vv.begntime + p_window
                 order by e.started_at, e.episode_id) as e_starts,
               array(select e.deductible_met from episode e
                 where e.psn_no = vv.psn_no and e.fixmedins_code = vv.episode_fixmedins
                   and e.started_at > vv.begntime - p_window and e.started_at < vv.begntime + p_window
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
        join visit vv on vv.mdtrt_id = k.m and vv.mdtrt_id = any(v_locked)
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
