package cn.gongji.web;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.ObjectMapper;

/** Wiring shared by the agency API. */
@Configuration(proxyBeanMethods = false)
public class AgencyWebConfig {

    @Bean
    FilterRegistrationBean<AdminTokenFilter> adminTokenFilter(
            @Value("${gongji.admin-token:}") String token, ObjectProvider<StaffCredentials> staff, ObjectMapper json) {
        var reg = new FilterRegistrationBean<>(new AdminTokenFilter(token, staff.getIfAvailable(), json));
        reg.addUrlPatterns("/api/admin/*");
        reg.setName("adminTokenFilter");
        return reg;
    }

    /** 404 and 405 under /api/ in problem+json (they are raised before any agency controller is chosen). */
    @Bean
    AgencyRoutingErrors agencyRoutingErrors(ObjectMapper json) {
        return new AgencyRoutingErrors(json);
    }
}
