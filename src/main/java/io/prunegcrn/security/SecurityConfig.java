package io.prunegcrn.security;

import java.util.Arrays;
import java.util.Set;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import jakarta.servlet.DispatcherType;

/**
 * One stateless filter chain. With no key configured everything is open. With keys:
 * <ul>
 * <li>every method other than GET, HEAD and OPTIONS needs a key, on every path, whatever its spelling: the rule
 * looks at the method, not the path;</li>
 * <li>reads are open, except the actuator's (metrics, Prometheus; health and info stay open for probes, health
 * details only for callers with a key) and, with {@code prunegcrn.security.protect-reads}, the API's;</li>
 * <li>reads on a separate management port ({@code management.server.port}, reachable only inside the cluster in
 * the Helm chart) are open, so Prometheus can scrape without a key.</li>
 * </ul>
 * Path rules are matched after Spring Security's firewall, on the decoded path that Spring MVC routes.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties(ApiKeyProperties.class)
public class SecurityConfig {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    @Bean
    ApiKeys apiKeys(ApiKeyProperties properties) {
        return new ApiKeys(properties);
    }

    /** The only way in: an API key. As a bean it also keeps Boot from adding a default user with a generated password. */
    @Bean
    AuthenticationManager apiKeyAuthenticationManager(ApiKeys keys) {
        return authentication -> {
            int number = keys.match((String) authentication.getCredentials());
            if (number == 0) {
                throw new BadCredentialsException("invalid API key");
            }
            return ApiKeyAuthentication.checked(number);
        };
    }

    @Bean
    SecurityProblems securityProblems() {
        return new SecurityProblems();
    }

    /** Tomcat's own refusals (before any filter) as problem details: see {@link ProblemErrorReportValve}. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemDetailsForTomcatErrors() {
        return factory -> factory.addContextCustomizers(context -> ((StandardHost) context.getParent())
                .setErrorReportValveClass(ProblemErrorReportValve.class.getName()));
    }

    @Bean
    SecurityFilterChain apiKeySecurity(HttpSecurity http, ApiKeys keys, AuthenticationManager manager,
            ApiKeyProperties properties, SecurityProblems problems, Environment environment) throws Exception {
        http.csrf(AbstractHttpConfigurer::disable) // no cookies or sessions: a browser sends no credential on its own
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems));
        if (!keys.required()) {
            return http.authorizeHttpRequests(a -> a.anyRequest().permitAll()).build();
        }
        http.addFilterAt(apiKeyFilter(manager, problems), BasicAuthenticationFilter.class);
        return http.authorizeHttpRequests(a -> rules(a, properties.security().protectReads(), managementPort(environment)))
                .build();
    }

    private static void rules(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry a,
            boolean protectReads, int managementPort) {
        RequestMatcher reads = request -> READS.contains(request.getMethod());
        RequestMatcher probes = paths("/actuator/health", "/actuator/health/**", "/actuator/info");
        RequestMatcher onManagementPort = request -> managementPort > 0 && request.getLocalPort() == managementPort;
        RequestMatcher guardedReads = protectReads ? paths("/api/**", "/actuator/**") : paths("/actuator/**");
        a.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC).permitAll() // the request was judged already
                .requestMatchers(new AndRequestMatcher(reads, probes)).permitAll()
                .requestMatchers(new AndRequestMatcher(reads, onManagementPort)).permitAll()
                .requestMatchers(new AndRequestMatcher(reads, guardedReads)).authenticated()
                .requestMatchers(reads).permitAll()
                .anyRequest().authenticated();
    }

    /** Reads the key from the header; no header means anonymous, a wrong key is answered 401 at once. */
    private static AuthenticationFilter apiKeyFilter(AuthenticationManager manager, SecurityProblems problems) {
        AuthenticationFilter filter = new AuthenticationFilter(manager, request -> {
            String key = request.getHeader(ApiKeyProperties.HEADER);
            return key == null ? null : ApiKeyAuthentication.unchecked(key);
        });
        filter.setSuccessHandler((request, response, authentication) -> { }); // go on with the request, no redirect
        filter.setFailureHandler(problems);
        return filter;
    }

    private static RequestMatcher paths(String... patterns) {
        PathPatternRequestMatcher.Builder builder = PathPatternRequestMatcher.withDefaults();
        return new OrRequestMatcher(Arrays.stream(patterns).map(p -> (RequestMatcher) builder.matcher(p)).toList());
    }

    /** The separate management port, or 0 when the actuator shares the application's port. */
    private static int managementPort(Environment environment) {
        Integer management = environment.getProperty("management.server.port", Integer.class);
        Integer server = environment.getProperty("server.port", Integer.class, 8080);
        return management != null && management > 0 && !management.equals(server) ? management : 0;
    }
}
