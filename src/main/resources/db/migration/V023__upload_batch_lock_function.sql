-- Issue 9, seventh pass: 2204 uploads that arrive together are stored in ONE transaction (UploadBatches).
-- The one-visit upload calls the same function with one visit, so V022's one-visit function goes.
--
-- The batch's first call locks every visit of the batch and then reads, for each, its person and
-- what it holds (a live settlement? its live lines), exactly as gongji_lock_visit_for_upload (V022)
-- does for one visit. The visits are locked in psn_no, mdtrt_id order, the order in which a
-- settlement batch locks its visits (gongji_lock_visits_with_accumulator, V021), so an upload batch
-- and a settlement batch never wait on each other in a cycle. The read is a statement of its own,
-- after the locks: in READ COMMITTED it takes its own snapshot and sees every settlement and line
-- committed before the locks were granted.
--
-- One row per live line of each visit (line_row null when the visit has none), ordered by the
-- visit's place in the arrays (ord, from 1) and then by line. A visit that does not exist has no
-- row; person_row is null when the person named does not exist. Batches are off on sharded nodes.
create function gongji_lock_visits_for_upload(p_mdtrt_ids text[], p_psn_nos text[])
    returns table (ord int, visit_row visit, person_row person, settled boolean, line_row fee_line)
    language plpgsql
    set plan_cache_mode = force_generic_plan
as $$
begin
    perform 1 from visit where mdtrt_id = any(p_mdtrt_ids) order by psn_no, mdtrt_id for update;
    return query
    select cast(k.ord as int), vv, pp,
           exists (select 1 from settlement s
                   where s.mdtrt_id = vv.mdtrt_id and s.psn_no = vv.psn_no
                     and s.refd_setl_id is null and s.cancelled_at is null),
           ff
    from unnest(p_mdtrt_ids, p_psn_nos) with ordinality k(m, p, ord)
    join visit vv on vv.mdtrt_id = k.m
    left join person pp on pp.psn_no = k.p
    left join fee_line ff on ff.mdtrt_id = vv.mdtrt_id and ff.psn_no = vv.psn_no and ff.cancelled_at is null
    order by k.ord, ff.line_id;
end
$$;

drop function gongji_lock_visit_for_upload(text, text);
