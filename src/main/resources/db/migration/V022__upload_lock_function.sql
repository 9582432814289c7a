-- Issue 9, fifth pass: a fee upload (2204) locks its visit and reads what the visit holds in ONE call.
--
-- The usual 2204 (one visit, one person) took two round trips before its insert: the lock of the
-- visit with its person, then what the visit holds (a live settlement? its live lines). They could
-- not be one SQL statement: a statement reads with the snapshot it took when it started, so a
-- settlement committed while it waited for the visit's lock would not be seen, and the lines of a
-- settled visit would be accepted. In a PL/pgSQL function every statement takes a snapshot of its
-- own (READ COMMITTED): the read after the lock sees every settlement committed before the lock was
-- granted, exactly as the second statement did. The function returns whole rows; the caller picks
-- the columns (FeeService.lockWithHeld), so the column lists stay in one place.
--
-- No rows: the visit does not exist (nothing locked). person_row is null when the person named does
-- not exist. One row per live line of the visit's person (line_row null when there is none), in
-- line order. Not used on sharded nodes (a function called without a table goes to "some node";
-- docs/scale-out.md): they lock and read in two statements, as before.
create function gongji_lock_visit_for_upload(p_mdtrt_id text, p_psn_no text)
    returns table (visit_row visit, person_row person, settled boolean, line_row fee_line)
    language plpgsql
    set plan_cache_mode = force_generic_plan
as $$
begin
    perform 1 from visit where mdtrt_id = p_mdtrt_id for update;
    if not found then
        return;
    end if;
    return query
    select vv, pp,
           exists (select 1 from settlement s
                   where s.mdtrt_id = vv.mdtrt_id and s.psn_no = vv.psn_no
                     and s.refd_setl_id is null and s.cancelled_at is null),
           ff
    from visit vv
    left join person pp on pp.psn_no = p_psn_no
    left join fee_line ff on ff.mdtrt_id = vv.mdtrt_id and ff.psn_no = vv.psn_no and ff.cancelled_at is null
    where vv.mdtrt_id = p_mdtrt_id
    order by ff.line_id;
end
$$;
