package com.gemetrics.platform.security;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * What both apps' security filter chains share, before each adds its own paths and its
 * bearer-token resource server: CORS (from {@code ge.protection.cors}), no HTTP session,
 * no CSRF protection (no cookie or other ambient credential authenticates a request: a
 * cross-site form cannot attach the {@code Authorization} header), no form login, basic
 * auth or logout, the security headers (CSP, no referrer, HSTS with subdomains), and
 * 401/403 as problem+json (ADR 0008).
 */
public final class StatelessApiSecurity {

	private StatelessApiSecurity() {
	}

	/**
	 * Applies the shared settings.
	 * @param http the chain being built
	 * @param problems answers 401 and 403
	 * @param contentSecurityPolicy the {@code Content-Security-Policy} header
	 * @param hstsMaxAgeSeconds {@code Strict-Transport-Security} max-age
	 * @return {@code http}, to go on with
	 * @throws Exception as {@link HttpSecurity}'s configurers do
	 */
	public static HttpSecurity apply(HttpSecurity http, ProblemSecurityHandlers problems, String contentSecurityPolicy,
			long hstsMaxAgeSeconds) throws Exception {
		return http.cors(Customizer.withDefaults())
			.csrf(AbstractHttpConfigurer::disable)
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(contentSecurityPolicy))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.NO_REFERRER))
				.httpStrictTransportSecurity((hsts) -> hsts.includeSubDomains(true).maxAgeInSeconds(hstsMaxAgeSeconds)))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems));
	}

}
