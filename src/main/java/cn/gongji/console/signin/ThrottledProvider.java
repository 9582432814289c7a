package cn.gongji.console.signin;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Username and password against a {@link UserDetailsService}, refused outright while the typed
 * name or the caller's address is locked by {@link SignInThrottle}; every wrong password is counted.
 */
public final class ThrottledProvider implements AuthenticationProvider {

    private final String realm;
    private final SignInThrottle throttle;
    private final DaoAuthenticationProvider delegate;

    public ThrottledProvider(String realm, SignInThrottle throttle, UserDetailsService users, PasswordEncoder encoder) {
        this.realm = realm;
        this.throttle = throttle;
        this.delegate = new DaoAuthenticationProvider(users);
        this.delegate.setPasswordEncoder(encoder);
    }

    @Override
    public Authentication authenticate(Authentication a) throws AuthenticationException {
        String typed = a.getName();
        String addr = a.getDetails() instanceof WebAuthenticationDetails d ? d.getRemoteAddress() : null;
        if (throttle.locked(realm, typed, addr)) {
            throw new LockedException("too many failed sign-ins");
        }
        try {
            Authentication ok = delegate.authenticate(a);
            throttle.succeeded(realm, typed);
            return ok;
        } catch (BadCredentialsException e) {
            throttle.failed(realm, typed, addr);
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> type) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(type);
    }
}
