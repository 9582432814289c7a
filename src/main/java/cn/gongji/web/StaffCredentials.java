package cn.gongji.web;

import java.util.Optional;

/**
 * Per-staff credentials on the agency API: a personal API token a member of staff made in the
 * console resolves to who they are and their role (implemented by {@code console/token/ApiTokens}).
 */
public interface StaffCredentials {

    /** Who called: {@code actor} as the audit log records it, {@code role} one of operator|auditor|finance|admin. */
    record Caller(String actor, String role) {}

    /** The caller a bearer token belongs to: an active staff account and a token neither revoked nor expired. */
    Optional<Caller> byToken(String token);
}
