package cn.gongji.console.signin;

import cn.gongji.console.staff.StaffStore;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/** Staff accounts as Spring Security users: authority ROLE_<role>; an inactive account is disabled. */
public final class StaffUsers implements UserDetailsService {

    private final StaffStore store;

    public StaffUsers(StaffStore store) {
        this.store = store;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        var s = store.find(SignInThrottle.subject(username))
                .orElseThrow(() -> new UsernameNotFoundException("no such staff"));
        return User.withUsername(s.username()).password(s.passwordHash())
                .authorities(AuthorityUtils.createAuthorityList(s.role().authority()))
                .disabled(!s.active()).build();
    }
}
