-- Failed sign-ins are also counted per remote address (SignInThrottle.MAX_FAILURES_PER_ADDRESS across
-- every name typed from it), so that one password cannot be tried across many names: the lookup by address.
create index sign_in_failure_by_address on sign_in_failure (realm, remote_addr, failed_at);
