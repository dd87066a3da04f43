package com.gemetrics.command.security;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;

import com.gemetrics.platform.security.AccessTokenAuthentication;
import com.gemetrics.platform.security.ProblemSecurityHandlers;
import com.gemetrics.platform.security.StatelessApiSecurity;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call what on the command side. Public: registration, login, e-mail
 * verification, password reset, refresh, logout, Stripe's webhooks (signed by Stripe
 * instead), the JWKS, health, Prometheus and the API docs. Admin:
 * {@code /api/v1/admin/**}. Internal: {@code /internal/**} (see
 * {@link InternalTokenAuthorization}). Everything else needs a valid access token: deny
 * by default.
 * <p>
 * Stateless bearer tokens ({@link StatelessApiSecurity}): no HTTP session, and CSRF
 * protection is off because no cookie or other ambient credential authenticates a
 * request: a cross-site form cannot attach the {@code Authorization} header. Tokens are
 * verified against this app's own key store (no HTTP to itself): see
 * {@link TokenVerificationConfig}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SecurityConfig {

	static final List<String> PUBLIC_POST = List.of("/api/v1/auth/register", "/api/v1/auth/login",
			"/api/v1/auth/verify-email", "/api/v1/auth/password-reset-requests", "/api/v1/auth/password-resets",
			"/api/v1/auth/refresh", "/api/v1/auth/logout", "/api/v1/billing/stripe-webhooks");

	static final List<String> PUBLIC_GET = List.of("/.well-known/jwks.json", "/health/**", "/actuator/health/**",
			"/actuator/prometheus", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html");

	static final String CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

	static final long HSTS_MAX_AGE_SECONDS = 31_536_000;

	/**
	 * No observation per security filter; requests stay observed as a whole
	 * ({@code http.server.requests}).
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	SecurityFilterChain apiSecurity(HttpSecurity http, JwtDecoder decoder, ObjectMapper json,
			@Value("${ge.auth.internal-token:}") String internalToken, Environment environment) throws Exception {
		ProblemSecurityHandlers problems = new ProblemSecurityHandlers(json);
		InternalTokenAuthorization internal = new InternalTokenAuthorization(internalToken, environment);
		StatelessApiSecurity.apply(http, problems, CONTENT_SECURITY_POLICY, HSTS_MAX_AGE_SECONDS)
			.authorizeHttpRequests(
					(requests) -> requests.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC)
						.permitAll()
						.requestMatchers(HttpMethod.POST, PUBLIC_POST.toArray(String[]::new))
						.permitAll()
						.requestMatchers(HttpMethod.GET, PUBLIC_GET.toArray(String[]::new))
						.permitAll()
						.requestMatchers("/internal/**")
						.access(internal)
						.requestMatchers("/api/v1/admin/**")
						.hasRole("ADMIN")
						.anyRequest()
						.authenticated())
			.oauth2ResourceServer((resourceServer) -> resourceServer
				.jwt((jwt) -> jwt.decoder(decoder).jwtAuthenticationConverter(AccessTokenAuthentication.converter()))
				.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems));
		return http.build();
	}

}
