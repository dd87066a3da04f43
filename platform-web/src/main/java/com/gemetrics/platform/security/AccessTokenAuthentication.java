package com.gemetrics.platform.security;

import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;

/**
 * Who a verified access token says the caller is, the same in both apps: the name is the
 * user id ({@code sub}) and the {@code roles} claim becomes {@code ROLE_*} authorities.
 */
public final class AccessTokenAuthentication {

	private AccessTokenAuthentication() {
	}

	/**
	 * For {@code oauth2ResourceServer().jwt().jwtAuthenticationConverter(...)}.
	 * @return a new converter
	 */
	public static JwtAuthenticationConverter converter() {
		JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
		authorities.setAuthoritiesClaimName("roles");
		authorities.setAuthorityPrefix("ROLE_");
		JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
		converter.setJwtGrantedAuthoritiesConverter(authorities);
		return converter;
	}

}
