package com.gemetrics.query.security;

import com.gemetrics.query.web.SecurityHeaders;
import com.gemetrics.platform.security.AccessTokenAuthentication;
import com.gemetrics.platform.security.ProblemSecurityHandlers;
import com.gemetrics.platform.security.StatelessApiSecurity;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;

import org.springframework.context.annotation.Bean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call what on the query side. Public: market data ({@code GET /api/v1/items/**},
 * {@code /api/v1/market/**}), health, Prometheus and the API docs. A bearer token sent to
 * a public path is still verified (a bad one answers 401), so authenticated and anonymous
 * reads cost what they should; an anonymous request costs no Redis call. Admin:
 * {@code /api/v1/admin/**}, except reads of {@link #ADMIN_OR_AUDITOR_GET}, which auditors
 * may make too; auditor or admin: {@code /api/v1/audit/**}. Everything else needs a valid
 * access token: deny by default.
 * <p>
 * Tokens are verified by {@link TokenVerificationConfig}. Stateless, no CSRF (no ambient
 * credential: see the command side's {@code SecurityConfig} and ADR 0008).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SecurityConfig {

	static final List<String> PUBLIC_GET = List.of("/api/v1/items", "/api/v1/items/**", "/api/v1/market/**",
			"/health/**", "/actuator/health/**", "/actuator/prometheus", "/v3/api-docs/**", "/swagger-ui/**",
			"/swagger-ui.html");

	/** Admin reads that auditors may make too. */
	static final List<String> ADMIN_OR_AUDITOR_GET = List.of("/api/v1/admin/subscriptions");

	static final String CONTENT_SECURITY_POLICY = SecurityHeaders.CONTENT_SECURITY_POLICY;

	static final long HSTS_MAX_AGE_SECONDS = SecurityHeaders.HSTS_MAX_AGE_SECONDS;

	/**
	 * No observation per security filter: with a dozen filters they cost more than the
	 * items fast path itself. Requests stay observed as a whole
	 * ({@code http.server.requests}).
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	SecurityFilterChain apiSecurity(HttpSecurity http, JwtDecoder decoder, ObjectMapper json) throws Exception {
		ProblemSecurityHandlers problems = new ProblemSecurityHandlers(json);
		StatelessApiSecurity.apply(http, problems, CONTENT_SECURITY_POLICY, HSTS_MAX_AGE_SECONDS)
			.authorizeHttpRequests(
					(requests) -> requests.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC)
						.permitAll()
						.requestMatchers(HttpMethod.GET, PUBLIC_GET.toArray(String[]::new))
						.permitAll()
						.requestMatchers(HttpMethod.GET, ADMIN_OR_AUDITOR_GET.toArray(String[]::new))
						.hasAnyRole("ADMIN", "AUDITOR")
						.requestMatchers("/api/v1/admin/**")
						.hasRole("ADMIN")
						.requestMatchers("/api/v1/audit/**")
						.hasAnyRole("AUDITOR", "ADMIN")
						.anyRequest()
						.authenticated())
			.oauth2ResourceServer((resourceServer) -> resourceServer
				.jwt((jwt) -> jwt.decoder(decoder).jwtAuthenticationConverter(AccessTokenAuthentication.converter()))
				.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems)
				.withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
					@Override
					public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
						filter.setAuthenticationFailureHandler(problems.failureHandler());
						return filter;
					}
				}));
		return http.build();
	}

}
