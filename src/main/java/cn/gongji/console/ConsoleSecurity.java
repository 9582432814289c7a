package cn.gongji.console;

import cn.gongji.console.signin.InsuredUsers;
import cn.gongji.console.signin.SignInThrottle;
import cn.gongji.console.signin.StaffUsers;
import cn.gongji.console.signin.ThrottledProvider;
import cn.gongji.console.staff.StaffStore;
import cn.gongji.ops.audit.AuditFilter;
import cn.gongji.ops.audit.AuditLog;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.servletapi.SecurityContextHolderAwareRequestFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Sign-in for the web console. Two filter chains, each matching only its own paths, so the HIS
 * protocol ({@code /fsi/**}, signed messages), the agency API ({@code /api/admin/**}, bearer token),
 * actuator and the API docs pass through untouched (no session, no CSRF):
 * <ul>
 *   <li>{@code /console/**}: staff, form login, role rules below, CSRF on;</li>
 *   <li>{@code /me/**}: insured persons, their own form login and their own session attribute, so a
 *       staff sign-in and an insured sign-in in one browser never stand in for each other.</li>
 * </ul>
 * Which role reaches which page is decided here and only here (docs/console.md has the table).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class ConsoleSecurity {

    static final String STAFF = "staff";
    static final String INSURED = "insured";
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /**
     * No Micrometer observations of Spring Security's filter chains, sign-ins and access decisions.
     * Every request passes FilterChainProxy, the HIS messages included (no chain matches them: they
     * are authenticated by their signature), and wrapping each of them in observations cost about
     * 2 % of the service's CPU per settlement for metrics (spring_security_*) no dashboard uses.
     * HTTP timings stay ({@code http_server_requests_seconds}, docs/operations.md).
     */
    @Bean
    static SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * Spring Security's strict firewall with its default rules; only its header checks are written as
     * loops ({@link HeaderChars}) instead of regular expressions, which made two Matchers for every
     * header read, four headers per HIS message.
     */
    @Bean
    static HttpFirewall httpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(HeaderChars::name);
        firewall.setAllowedHeaderValues(HeaderChars::value);
        return firewall;
    }

    /** The one UserDetailsService bean (so Spring Boot creates no default user with a generated password). */
    @Bean
    UserDetailsService staffUsers(StaffStore store) {
        return new StaffUsers(store);
    }

    @Bean
    @Order(1)
    SecurityFilterChain staffChain(HttpSecurity http, UserDetailsService staffUsers, SignInThrottle throttle,
            PasswordEncoder encoder, JdbcClient db, AuditLog audit) throws Exception {
        http.securityMatcher("/console", "/console/**")
                // every form posted, refused by role included, in the append-only audit log as staff:<user>
                .addFilterAfter(new AuditFilter(audit), SecurityContextHolderAwareRequestFilter.class)
                .addFilterAfter(new SessionStillValid(u -> db.sql(
                                "select password_hash from staff where username = :u and active").param("u", u)
                                .query(String.class).optional(), "GONGJI_STAFF_CREDENTIAL", "/console/login", "/console/api/"),
                        SecurityContextHolderFilter.class)
                .authenticationManager(new ProviderManager(new ThrottledProvider(STAFF, throttle, staffUsers, encoder)))
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/console/login", "/console/assets/**").permitAll()
                        .requestMatchers("/console/staff", "/console/staff/**").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.POST, "/console/policies", "/console/policies/**").hasRole("ADMIN")
                        .requestMatchers("/console/policies/new").hasRole("ADMIN")
                        .requestMatchers("/console/credits", "/console/credits/**", "/console/api/credits/**")
                                .hasAnyRole("FINANCE", "ADMIN")
                        .requestMatchers(HttpMethod.POST, "/console/persons/**").hasAnyRole("OPERATOR", "ADMIN")
                        .requestMatchers(HttpMethod.POST, "/console/warnings/**").hasAnyRole("AUDITOR", "ADMIN")
                        .requestMatchers("/console/warnings", "/console/warnings/**").hasAnyRole("AUDITOR", "FINANCE", "ADMIN")
                        .requestMatchers("/console/institutions/*/statements/**").hasAnyRole("FINANCE", "ADMIN")
                        .requestMatchers("/console/persons", "/console/persons/**").hasAnyRole("OPERATOR", "AUDITOR", "ADMIN")
                        .anyRequest().hasAnyRole("OPERATOR", "AUDITOR", "FINANCE", "ADMIN"))
                .formLogin(f -> f.loginPage("/console/login").loginProcessingUrl("/console/login")
                        .defaultSuccessUrl("/console", false)
                        .failureHandler(failure("/console/login")))
                .logout(l -> l.logoutUrl("/console/logout").logoutSuccessUrl("/console/login?logout")
                        .deleteCookies("JSESSIONID"))
                .exceptionHandling(e -> e.accessDeniedPage("/console/denied")
                        .authenticationEntryPoint(entryPoint("/console/login", "/console/api/**")))
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CSP))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain insuredChain(HttpSecurity http, JdbcClient db, cn.gongji.ops.pii.PiiCrypto crypto,
            SignInThrottle throttle, PasswordEncoder encoder)
            throws Exception {
        var contexts = new HttpSessionSecurityContextRepository();
        contexts.setSpringSecurityContextKey("GONGJI_INSURED_CONTEXT");
        var saved = new HttpSessionRequestCache();
        saved.setSessionAttrName("GONGJI_INSURED_SAVED_REQUEST");
        http.securityMatcher("/me", "/me/**")
                .addFilterAfter(new SessionStillValid(p -> db.sql(
                                "select password_hash from insured_credential where psn_no = :p").param("p", p)
                                .query(String.class).optional(), "GONGJI_INSURED_CREDENTIAL", "/me/login", "/me/api/"),
                        SecurityContextHolderFilter.class)
                .authenticationManager(new ProviderManager(
                        new ThrottledProvider(INSURED, throttle, new InsuredUsers(db, crypto), encoder)))
                .securityContext(s -> s.securityContextRepository(contexts))
                .requestCache(r -> r.requestCache(saved))
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/me/login").permitAll()
                        .anyRequest().hasRole("INSURED"))
                .formLogin(f -> f.loginPage("/me/login").loginProcessingUrl("/me/login")
                        .usernameParameter("certno")
                        .defaultSuccessUrl("/me", true)
                        .failureHandler(failure("/me/login")))
                .logout(l -> l.logoutUrl("/me/logout").logoutSuccessUrl("/me/login?logout"))
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint("/me/login", "/me/api/**")))
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CSP)));
        return http.build();
    }

    /** Pages send a person who is not signed in to the sign-in page; JSON endpoints answer 401. */
    private static AuthenticationEntryPoint entryPoint(String loginPage, String api) {
        var json = new LinkedHashMap<RequestMatcher, AuthenticationEntryPoint>();
        json.put(PathPatternRequestMatcher.withDefaults().matcher(api), new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED));
        var d = new DelegatingAuthenticationEntryPoint(json);
        d.setDefaultEntryPoint(new LoginUrlAuthenticationEntryPoint(loginPage));
        return d;
    }

    /** Back to the sign-in page, saying "locked" when the name is throttled and "error" otherwise (never which part was wrong). */
    private static AuthenticationFailureHandler failure(String page) {
        return (HttpServletRequest req, HttpServletResponse res, AuthenticationException e) ->
                res.sendRedirect(req.getContextPath() + page + (e instanceof LockedException ? "?locked" : "?error"));
    }
}
