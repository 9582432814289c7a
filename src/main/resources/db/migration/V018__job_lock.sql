-- One row per batch job whose transactions must not overlap (the monthly credit). A chunk of the
-- credit run locks its row first. On one node this changes nothing (the chunk's account locks
-- serialise concurrent runs already); on a sharded store the row lives on the home node only, so two
-- concurrent runs can no longer lock a chunk's accounts on two nodes in opposite orders and wait for
-- each other across nodes, a deadlock no PostgreSQL node can see (docs/scale-out.md).
create table job_lock (
    job text primary key
);
insert into job_lock (job) values ('monthly-credit');
