package com.gemetrics.command.user;

import com.gemetrics.command.user.AuthRequests.AccountErasureRequest;
import com.gemetrics.platform.security.CallerArgumentResolver;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code DELETE /api/v1/me} {@code {password}}: the logged-in user erases their account
 * (ADR 22). 204 when done; 403 {@code PASSWORD_INCORRECT} (nothing erased) for a wrong
 * password, 429 while logins to the account back off, 410 {@code ACCOUNT_ERASED} when it
 * already was.
 */
@RestController
class AccountErasureController {

	private final AccountErasures erasures;

	private final ClientIp clientIp;

	AccountErasureController(AccountErasures erasures, ClientIp clientIp) {
		this.erasures = erasures;
		this.clientIp = clientIp;
	}

	@DeleteMapping("/api/v1/me")
	ResponseEntity<Void> erase(@Valid @RequestBody AccountErasureRequest request, Authentication caller,
			HttpServletRequest http) {
		this.erasures.erase(CallerArgumentResolver.callerOf(caller), request.password(), this.clientIp.of(http));
		return ResponseEntity.noContent().build();
	}

}
