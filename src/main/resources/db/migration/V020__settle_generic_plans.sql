-- Issue 9, fourth pass: the statements inside the settlement functions are planned once per
-- connection, not on every call.
--
-- PL/pgSQL caches each statement's plan, but for a statement with parameters PostgreSQL first makes
-- five custom plans and then keeps making custom plans while they look cheaper than the generic one.
-- The set-based statements of a batch (`= any(array)` over the batch's visits, settlements and
-- persons) always look cheaper custom-planned, so every call planned them all again: about 0.6 ms
-- of a 2.4 ms call (pg_stat_statements, track = all, track_planning = on). Every one of them finds
-- its rows by a key (primary key or unique index), which the generic plan does too.
--
-- The setting applies only while the function runs; nothing else changes.
alter function gongji_settle(jsonb, text, timestamp, numeric) set plan_cache_mode = force_generic_plan;
alter function gongji_settle_many(jsonb, jsonb) set plan_cache_mode = force_generic_plan;
