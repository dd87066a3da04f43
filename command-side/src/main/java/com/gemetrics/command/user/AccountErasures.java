package com.gemetrics.command.user;

import java.time.Clock;
import java.time.Instant;

import com.gemetrics.api.user.EraseAccountCommand;
import com.gemetrics.api.user.UserId;
import com.gemetrics.command.privacy.StoredEventEncryption;
import com.gemetrics.command.security.SessionTokens;
import com.gemetrics.platform.privacy.DataKeyStore;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Account erasure at the owner's request ({@code DELETE /api/v1/me}, ADR 22). The owner
 * proves the password (wrong guesses count against the login backoff); then, in one
 * transaction, any clear personal data left in the user's stored events is encrypted
 * ({@link StoredEventEncryption}), {@code AccountErasedEvent} is appended and, through
 * the subscribing {@link UserAccountProjection}, {@link #scrub} runs: the data key is
 * destroyed and the command side's tables forget the person. After the commit every
 * session ends (refresh tokens revoked, access tokens refused on both apps within
 * seconds). The user id, their flips, watchlist and subscription history stay, as
 * pseudonymous facts.
 */
@Service
class AccountErasures {

	static final String REASON = "account-erased";

	private static final Logger log = LoggerFactory.getLogger(AccountErasures.class);

	private final CommandGateway commands;

	private final TransactionOperations transactions;

	private final AccountRepository accounts;

	private final CredentialRepository credentials;

	private final OneTimeTokens tokens;

	private final PasswordHasher hasher;

	private final LoginThrottle throttle;

	private final SessionTokens sessions;

	private final DataKeyStore dataKeys;

	private final StoredEventEncryption storedEvents;

	private final JdbcTemplate jdbc;

	private final Clock clock;

	AccountErasures(CommandGateway commands, TransactionOperations transactions, AccountRepository accounts,
			CredentialRepository credentials, OneTimeTokens tokens, PasswordHasher hasher, LoginThrottle throttle,
			SessionTokens sessions, DataKeyStore dataKeys, StoredEventEncryption storedEvents, JdbcTemplate jdbc,
			Clock clock) {
		this.commands = commands;
		this.transactions = transactions;
		this.accounts = accounts;
		this.credentials = credentials;
		this.tokens = tokens;
		this.hasher = hasher;
		this.throttle = throttle;
		this.sessions = sessions;
		this.dataKeys = dataKeys;
		this.storedEvents = storedEvents;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Erases the caller's account once they proved the password; a wrong one changes
	 * nothing but the backoff.
	 */
	void erase(UserId userId, String password, String ip) {
		Account account = this.accounts.findById(userId).orElseThrow(() -> new UserRejected(UserError.USER_NOT_FOUND));
		if (account.erased()) {
			throw new UserRejected(UserError.ACCOUNT_ERASED);
		}
		String emailKey = account.emailKey();
		if (emailKey != null) {
			this.throttle.blocked(emailKey, ip).ifPresent((wait) -> {
				throw TooManyAttemptsException.loginThrottled(wait);
			});
		}
		if (!this.hasher.matches(password, this.credentials.findHash(userId).orElse(null))) {
			if (emailKey != null) {
				this.throttle.failed(emailKey, ip);
			}
			throw new UserRejected(UserError.PASSWORD_INCORRECT);
		}
		Instant now = this.clock.instant();
		this.transactions.executeWithoutResult((status) -> {
			this.accounts.lockById(userId);
			this.storedEvents.encryptUser(userId);
			this.commands.sendAndWait(new EraseAccountCommand(userId, now));
		});
		this.sessions.revokeAllSessions(userId, REASON);
		if (emailKey != null) {
			this.throttle.succeeded(emailKey);
		}
		log.info("Erased the account of user {}", userId);
	}

	/**
	 * What the command side forgets of an erased user, in the transaction that appends
	 * {@code AccountErasedEvent}: the data key (destroyed: their events' personal data is
	 * unreadable from now on), address and display name (the address is free to register
	 * again), password hash, verification and reset tokens, queued or sent mails to the
	 * address, the alert webhook.
	 */
	void scrub(UserId userId, Instant at) {
		String email = this.accounts.findById(userId).map(Account::email).orElse(null);
		this.dataKeys.destroy(userId, at);
		this.accounts.erase(userId, at);
		this.credentials.delete(userId);
		this.tokens.deleteAll(OneTimeTokens.Kind.EMAIL_VERIFICATION, userId);
		this.tokens.deleteAll(OneTimeTokens.Kind.PASSWORD_RESET, userId);
		if (email != null) {
			this.jdbc.update("DELETE FROM auth.mail_outbox WHERE recipient = ?", email);
		}
		this.jdbc.update("DELETE FROM alerts.webhook WHERE user_id = ?", userId.value());
	}

}
