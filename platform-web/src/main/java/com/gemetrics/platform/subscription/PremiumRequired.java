package com.gemetrics.platform.subscription;

import com.gemetrics.platform.web.ApiException;

import org.springframework.http.HttpStatus;

/**
 * A feature only premium subscribers have: 403 problem+json with the code {@value #CODE}.
 */
public class PremiumRequired extends ApiException {

	public static final String CODE = "PREMIUM_REQUIRED";

	/**
	 * @param feature what needs premium, as a sentence's subject ("Webhook alerts")
	 */
	public PremiumRequired(String feature) {
		super(HttpStatus.FORBIDDEN, CODE, feature + " need a premium subscription.");
	}

}
