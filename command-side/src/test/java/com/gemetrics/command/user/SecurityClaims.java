package com.gemetrics.command.user;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads the claims of an access token without verifying it (the app did). */
final class SecurityClaims {

	private static final ObjectMapper JSON = new ObjectMapper();

	private SecurityClaims() {
	}

	/** The {@code roles} claim. */
	static List<String> roles(String accessToken) {
		List<String> roles = new ArrayList<>();
		claims(accessToken).path("roles").forEach((role) -> roles.add(role.textValue()));
		return roles;
	}

	static JsonNode claims(String accessToken) {
		try {
			return JSON.readTree(Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
