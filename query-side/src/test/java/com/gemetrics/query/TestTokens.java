package com.gemetrics.query;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.github.tomakehurst.wiremock.junit.Stubbing;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okForContentType;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * Real RS256 access tokens for tests over HTTP, as the command side issues them, and the
 * JWKS that verifies them, served by a WireMock standing in for the command side (point
 * {@code ge.auth.jwks-url} at {@link #jwksUrl}).
 */
public final class TestTokens {

	public static final String JWKS_PATH = "/.well-known/jwks.json";

	private final RSAKey key;

	public TestTokens() {
		try {
			this.key = new RSAKeyGenerator(2048).keyID("test-key-" + UUID.randomUUID()).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The JWKS URL of a stub command side at {@code baseUrl}. */
	public static String jwksUrl(String baseUrl) {
		return baseUrl + JWKS_PATH;
	}

	/** Serves this key's JWKS at {@link #JWKS_PATH}. */
	public void serve(Stubbing commandSide) {
		commandSide.stubFor(get(urlPathEqualTo(JWKS_PATH))
			.willReturn(okForContentType("application/jwk-set+json", new JWKSet(this.key.toPublicJWK()).toString())));
	}

	/**
	 * An access token of {@code subject} (a user id) with these roles, valid 5 minutes.
	 */
	public String bearer(String subject, String... roles) {
		Instant now = Instant.now();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("ge-metrics")
			.audience(List.of("ge-metrics-api"))
			.subject(subject)
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
			.jwtID(UUID.randomUUID().toString())
			.claim("sid", UUID.randomUUID().toString())
			.claim("auth_time", now.getEpochSecond())
			.claim("roles", List.of(roles))
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(this.key.getKeyID()).build(),
				claims);
		try {
			jwt.sign(new RSASSASigner(this.key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

}
