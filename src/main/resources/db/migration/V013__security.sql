-- Security (issue 8, items 4 and 5), cn.gongji.ops.pii and cn.gongji.web.
--
-- 1. ID numbers at rest: certno_enc holds AES-256-GCM ciphertext ("v1:..."), certno_hash the
--    HMAC-SHA256 lookup hash (both keyed by gongji.pii.key). This migration cannot know the key:
--    the Java migration 13.1 (cn.gongji.ops.pii.CertnoEncryption) fills both columns for existing
--    rows and then drops the plaintext column certno.
alter table person add column certno_enc text, add column certno_hash text;
create unique index person_certno_hash on person (certno_hash);

-- 2. Personal API tokens of staff for the agency API (/api/admin/**). Only a SHA-256 of the token
--    is stored (the token is 256 random bits, shown once when made); prefix is shown in lists.
create table staff_api_token (
    token_id     bigserial primary key,
    username     text not null references staff (username),
    name         text not null check (length(name) between 1 and 60),
    token_hash   text not null unique,
    prefix       text not null,
    created_at   timestamptz not null default now(),
    expires_at   timestamptz,
    revoked_at   timestamptz,
    last_used_at timestamptz
);
create index staff_api_token_user on staff_api_token (username);
