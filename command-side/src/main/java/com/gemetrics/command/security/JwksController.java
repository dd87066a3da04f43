package com.gemetrics.command.security;

import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public signing keys as a JWKS (RFC 7517), for the query side and anyone verifying
 * tokens.
 */
@RestController
@Tag(name = "auth")
class JwksController {

	static final MediaType JWK_SET = MediaType.parseMediaType("application/jwk-set+json");

	private final SigningKeys keys;

	private final CacheControl cacheControl;

	JwksController(SigningKeys keys, AuthProperties properties) {
		this.keys = keys;
		this.cacheControl = CacheControl.maxAge(properties.keys().jwksMaxAge()).cachePublic();
	}

	@GetMapping("/.well-known/jwks.json")
	@Operation(summary = "Public keys that verify access tokens (public)")
	ResponseEntity<Map<String, Object>> jwks() {
		return ResponseEntity.ok().cacheControl(this.cacheControl).contentType(JWK_SET).body(this.keys.publicJwks());
	}

}
