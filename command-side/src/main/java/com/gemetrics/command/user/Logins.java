package com.gemetrics.command.user;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.gemetrics.api.user.ChangePasswordCommand;
import com.gemetrics.api.user.RecordLoginCommand;
import com.gemetrics.api.user.RecordLoginFailureCommand;
import com.gemetrics.api.user.UserId;
import com.gemetrics.command.security.SessionTokens;
import com.gemetrics.command.security.TokenPair;
import com.gemetrics.platform.web.ApiException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Logins and password changes. A login answers the same 401 whether the address is
 * unknown, has no credential or the password is wrong, and spends one hash either way;
 * failures back off per account and per IP ({@link LoginThrottle}). An unverified account
 * may log in (to ask for the verification mail again and to verify), but its session
 * holds no role until the address is verified.
 */
@Service
class Logins {

	private static final Logger log = LoggerFactory.getLogger(Logins.class);

	static final String BAD_CREDENTIALS = "BAD_CREDENTIALS";

	static final String THROTTLED = "THROTTLED";

	private final CommandGateway commands;

	private final TransactionOperations transactions;

	private final AccountRepository accounts;

	private final CredentialRepository credentials;

	private final OneTimeTokens tokens;

	private final PasswordHasher hasher;

	private final PasswordPolicy policy;

	private final LoginThrottle throttle;

	private final SessionTokens sessions;

	private final Clock clock;

	Logins(CommandGateway commands, TransactionOperations transactions, AccountRepository accounts,
			CredentialRepository credentials, OneTimeTokens tokens, PasswordHasher hasher, PasswordPolicy policy,
			LoginThrottle throttle, SessionTokens sessions, Clock clock) {
		this.commands = commands;
		this.transactions = transactions;
		this.accounts = accounts;
		this.credentials = credentials;
		this.tokens = tokens;
		this.hasher = hasher;
		this.policy = policy;
		this.throttle = throttle;
		this.sessions = sessions;
		this.clock = clock;
	}

	TokenPair login(String email, String password, String ip) {
		String key = EmailAddresses.key(email);
		Optional<Duration> wait = this.throttle.blocked(key, ip);
		Optional<Account> account = this.accounts.findByEmailKey(key);
		if (wait.isPresent()) {
			account.ifPresent((known) -> recordFailure(known.userId(), THROTTLED));
			throw TooManyAttemptsException.loginThrottled(wait.get());
		}
		String hash = account.flatMap((known) -> this.credentials.findHash(known.userId())).orElse(null);
		if (!this.hasher.matches(password, hash)) {
			this.throttle.failed(key, ip);
			account.ifPresent((known) -> recordFailure(known.userId(), BAD_CREDENTIALS));
			throw new ApiException(HttpStatus.UNAUTHORIZED, "INVALID_CREDENTIALS",
					"The e-mail address or the password is not correct.");
		}
		Account user = account.orElseThrow();
		this.throttle.succeeded(key);
		upgradeHash(user.userId(), hash, password);
		TokenPair tokens = this.sessions.startSession(user.userId(), user.effectiveRoles());
		this.commands.sendAndWait(new RecordLoginCommand(user.userId(), tokens.sessionId(), this.clock.instant()));
		log.info("User {} logged in", user.userId());
		return tokens;
	}

	/**
	 * Changes the password of a logged-in user who proves the current one. Wrong guesses
	 * count against the account's backoff like failed logins. Ends every other session of
	 * the user; the caller's own ({@code sessionId}) goes on.
	 */
	void changePassword(UserId userId, String sessionId, String currentPassword, String newPassword, String ip) {
		this.policy.check(newPassword);
		Account account = this.accounts.findById(userId).orElseThrow(() -> new UserRejected(UserError.USER_NOT_FOUND));
		this.throttle.blocked(account.emailKey(), ip).ifPresent((wait) -> {
			throw TooManyAttemptsException.loginThrottled(wait);
		});
		if (!this.hasher.matches(currentPassword, this.credentials.findHash(userId).orElse(null))) {
			this.throttle.failed(account.emailKey(), ip);
			throw new UserRejected(UserError.CURRENT_PASSWORD_INCORRECT);
		}
		String hash = this.hasher.hash(newPassword);
		Instant now = this.clock.instant();
		this.transactions.executeWithoutResult((status) -> {
			this.commands.sendAndWait(new ChangePasswordCommand(userId, now));
			this.credentials.save(userId, hash, now);
			this.tokens.consumeAll(OneTimeTokens.Kind.PASSWORD_RESET, userId, now);
			this.sessions.revokeOtherSessions(userId, sessionId, "password-changed");
		});
		this.throttle.succeeded(account.emailKey());
		log.info("User {} changed their password", userId);
	}

	private void recordFailure(UserId userId, String reason) {
		this.commands.sendAndWait(new RecordLoginFailureCommand(userId, reason, this.clock.instant()));
	}

	private void upgradeHash(UserId userId, String hash, String password) {
		if (this.hasher.needsUpgrade(hash)) {
			this.credentials.upgrade(userId, hash, this.hasher.hash(password), this.clock.instant());
			log.info("Upgraded the password hash of user {}", userId);
		}
	}

}
