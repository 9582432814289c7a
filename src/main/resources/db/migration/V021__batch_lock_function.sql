-- Issue 9, fourth pass: the lock statement of a settlement batch, planned once per connection.
--
-- A batch locks its visits with their persons' accumulators in ONE statement (VisitService
-- .lockManyWithAccumulator). Sent as a prepared statement, PostgreSQL planned it on every call: its
-- custom plan, made for the batch's own array of visits, always looked cheaper than the generic one,
-- and planning the join (0.28 ms) cost three times its execution (0.08 ms; pg_stat_statements,
-- track_planning = on). In a PL/pgSQL function with plan_cache_mode = force_generic_plan it is
-- planned once per connection. The statement itself is the one the Java side sent before; the
-- function adds nothing of its own. Batches are off on sharded nodes, so ShardingSphere never sees
-- the call.
create function gongji_lock_visits_with_accumulator(p_mdtrt_ids text[])
    returns table (mdtrt_id text, psn_no text, fixmedins_code text, episode_fixmedins text, insutype text,
                   med_type text, begntime timestamp, ipt_otp_no text, mdtrt_cert_type text,
                   mdtrtarea_admvs char(6), status text, pool_paid numeric)
    language plpgsql
    set plan_cache_mode = force_generic_plan
as $$
#variable_conflict use_column
begin
    return query
    select v.mdtrt_id, v.psn_no, v.fixmedins_code, v.episode_fixmedins, v.insutype, v.med_type, v.begntime,
           v.ipt_otp_no, v.mdtrt_cert_type, v.mdtrtarea_admvs, v.status, a.pool_paid
    from visit v
    join year_accumulator a on a.psn_no = v.psn_no and a.year = cast(extract(year from v.begntime) as int)
    where v.mdtrt_id = any(p_mdtrt_ids)
    order by v.psn_no, v.mdtrt_id
    for update;
end
$$;
