package cn.gongji.ops;

import cn.gongji.ops.audit.AuditFilter;
import cn.gongji.web.BodySizeFilter;
import cn.gongji.ops.audit.AuditLog;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.ObjectMapper;

/** Wiring of the operational controls: size limit and audit on the agency API (the PII key: {@code pii/PiiKeys}). */
@Configuration(proxyBeanMethods = false)
public class OpsWebConfig {

    /** Before the token check, so an oversized body is refused unread whoever sends it. */
    @Bean
    FilterRegistrationBean<BodySizeFilter> agencyBodySizeFilter(
            @Value("${gongji.api.max-body:5MB}") DataSize max, ObjectMapper json) {
        var reg = new FilterRegistrationBean<>(new BodySizeFilter(max.toBytes(), json));
        reg.addUrlPatterns("/api/admin/*");
        reg.setName("agencyBodySizeFilter");
        reg.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
        return reg;
    }

    /** Around the token check, so refused calls are audited too. */
    @Bean
    FilterRegistrationBean<AuditFilter> agencyAuditFilter(AuditLog audit) {
        var reg = new FilterRegistrationBean<>(new AuditFilter(audit));
        reg.addUrlPatterns("/api/admin/*");
        reg.setName("agencyAuditFilter");
        reg.setOrder(Ordered.HIGHEST_PRECEDENCE + 110);
        return reg;
    }
}
