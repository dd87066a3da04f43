package com.gemetrics.command.security;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Who may call what on the command side. Public: registration, login, e-mail
 * verification, password reset, refresh, logout, the JWKS, health, Prometheus and the API
 * docs. Admin: {@code /api/v1/admin/**}. Internal: {@code /internal/**} (see
 * {@link InternalTokenAuthorization}). Everything else needs a valid access token: deny
 * by default.
 * <p>
 * Stateless bearer tokens: no HTTP session, and CSRF protection is off because no cookie
 * or other ambient credential authenticates a request: a cross-site form cannot attach
 * the {@code Authorization} header. Tokens are verified against this app's own key store
 * (no HTTP to itself): see {@link TokenVerificationConfig}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SecurityConfig {

	static final List<String> PUBLIC_POST = List.of("/api/v1/auth/register", "/api/v1/auth/login",
			"/api/v1/auth/verify-email", "/api/v1/auth/password-reset-requests", "/api/v1/auth/password-resets",
			"/api/v1/auth/refresh", "/api/v1/auth/logout");

	static final List<String> PUBLIC_GET = List.of("/.well-known/jwks.json", "/health/**", "/actuator/health/**",
			"/actuator/prometheus", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html");

	static final String CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

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
			@Value("${ge.auth.internal-token:}") String internalToken) throws Exception {
		ProblemSecurityHandlers problems = new ProblemSecurityHandlers(json);
		InternalTokenAuthorization internal = new InternalTokenAuthorization(internalToken);
		http.cors(Customizer.withDefaults())
			.csrf(AbstractHttpConfigurer::disable)
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.NO_REFERRER))
				.httpStrictTransportSecurity((hsts) -> hsts.includeSubDomains(true).maxAgeInSeconds(31_536_000)))
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
				.jwt((jwt) -> jwt.decoder(decoder).jwtAuthenticationConverter(authenticationConverter()))
				.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems));
		return http.build();
	}

	/**
	 * The caller's name is the user id ({@code sub}); {@code roles} become {@code ROLE_*}
	 * authorities.
	 */
	static JwtAuthenticationConverter authenticationConverter() {
		JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
		authorities.setAuthoritiesClaimName("roles");
		authorities.setAuthorityPrefix("ROLE_");
		JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
		converter.setJwtGrantedAuthoritiesConverter(authorities);
		return converter;
	}

}
