package io.prunegcrn.api;

import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.prunegcrn.system.DataDirectory;
import tools.jackson.databind.json.JsonMapper;

/** The Idempotency-Key filter, on the three creating endpoints, after Spring Security's filters. */
@Configuration(proxyBeanMethods = false)
class IdempotencyConfiguration {

    @Bean
    FilterRegistrationBean<IdempotencyKeyFilter> idempotencyKeyFilter(DataDirectory dir, JsonMapper json) {
        FilterRegistrationBean<IdempotencyKeyFilter> registration =
                new FilterRegistrationBean<>(new IdempotencyKeyFilter(new IdempotentResponses(dir), json));
        registration.addUrlPatterns("/api/v1/training-jobs", "/api/v1/sweeps", "/api/v1/datasets");
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 10);
        return registration;
    }
}
