package com.gemetrics.query.security;

import org.springframework.boot.autoconfigure.AutoConfigureBefore;
import org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Gives every {@code @WebMvcTest} the app's real filter chain (public paths, deny by
 * default, problem+json) with a decoder that refuses every bearer token, so slice tests
 * of public endpoints pass anonymously and tests of protected ones authenticate with
 * Spring Security Test's {@code jwt()} request post-processor. Registered in
 * {@code META-INF/spring/org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureWebMvc.imports}.
 * Not a {@code @Configuration}, so that component scanning in full-context tests ignores
 * it.
 */
@AutoConfigureBefore({ SecurityAutoConfiguration.class, OAuth2ResourceServerAutoConfiguration.class })
@Import(SecurityConfig.class)
public class WebSliceSecurity {

	@Bean
	JwtDecoder sliceJwtDecoder() {
		return (token) -> {
			throw new BadJwtException("Web slice tests verify no bearer tokens; use jwt() instead");
		};
	}

}
