-- Issue 9: identifiers without a round trip each. cn.gongji.settlement.Ids takes a block of 100
-- numbers per nextval (n .. n+99) and hands them out in memory. Blocks of several service instances
-- and of restarts never overlap, because each starts at a value the sequence gave out only once;
-- numbers left unused in a block at shutdown are skipped (sequences had gaps before, too).
alter sequence mdtrt_seq increment by 100;
alter sequence setl_seq increment by 100;
alter sequence sign_seq increment by 100;
