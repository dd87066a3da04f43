package com.gemetrics.command.user;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import com.gemetrics.api.user.CompletePasswordResetCommand;
import com.gemetrics.api.user.RequestPasswordResetCommand;
import com.gemetrics.api.user.UserId;
import com.gemetrics.command.security.SessionTokens;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Password resets by mailed link. Asking always answers the same, whether or not the
 * address has an account; only a verified address is ever mailed a link, at most once per
 * cooldown.
 */
@Service
class PasswordResets {

	private static final Logger log = LoggerFactory.getLogger(PasswordResets.class);

	private final CommandGateway commands;

	private final TransactionOperations transactions;

	private final AccountRepository accounts;

	private final CredentialRepository credentials;

	private final OneTimeTokens tokens;

	private final AccountMails mails;

	private final MailCooldown cooldown;

	private final PasswordPolicy policy;

	private final PasswordHasher hasher;

	private final LoginThrottle throttle;

	private final SessionTokens sessions;

	private final AccountProperties properties;

	private final Clock clock;

	PasswordResets(CommandGateway commands, TransactionOperations transactions, AccountRepository accounts,
			CredentialRepository credentials, OneTimeTokens tokens, AccountMails mails, MailCooldown cooldown,
			PasswordPolicy policy, PasswordHasher hasher, LoginThrottle throttle, SessionTokens sessions,
			AccountProperties properties, Clock clock) {
		this.commands = commands;
		this.transactions = transactions;
		this.accounts = accounts;
		this.credentials = credentials;
		this.tokens = tokens;
		this.mails = mails;
		this.cooldown = cooldown;
		this.policy = policy;
		this.hasher = hasher;
		this.throttle = throttle;
		this.sessions = sessions;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Mails a reset link if the address is a verified account's; otherwise does nothing.
	 */
	void request(String email) {
		String key = EmailAddresses.key(email);
		if (this.cooldown.tryStart(AccountMails.PASSWORD_RESET, LoginThrottle.digest(key)).isPresent()) {
			return;
		}
		Optional<Account> account = this.accounts.findByEmailKey(key).filter(Account::emailVerified);
		if (account.isEmpty()) {
			return;
		}
		UserId userId = account.get().userId();
		Instant now = this.clock.instant();
		try {
			this.transactions.executeWithoutResult((status) -> {
				this.commands.sendAndWait(new RequestPasswordResetCommand(userId, now));
				this.tokens.consumeAll(OneTimeTokens.Kind.PASSWORD_RESET, userId, now);
				String token = this.tokens.issue(OneTimeTokens.Kind.PASSWORD_RESET, userId, now,
						this.properties.resetTokenTtl());
				this.mails.passwordReset(account.get().email(), token, now);
			});
			log.info("Queued a password reset mail for user {}", userId);
		}
		catch (UserRejected ex) {
			log.info("Password reset for user {} refused: {}", userId, ex.code());
		}
	}

	/** Sets a new password with a reset token and ends every session of the user. */
	void complete(String token, String newPassword) {
		this.policy.check(newPassword);
		Instant now = this.clock.instant();
		if (this.tokens.peek(OneTimeTokens.Kind.PASSWORD_RESET, token, now).isEmpty()) {
			throw new UserRejected(UserError.TOKEN_INVALID);
		}
		String hash = this.hasher.hash(newPassword);
		UserId reset = this.transactions.execute((status) -> {
			UserId userId = this.tokens.consume(OneTimeTokens.Kind.PASSWORD_RESET, token, now)
				.orElseThrow(() -> new UserRejected(UserError.TOKEN_INVALID));
			this.commands.sendAndWait(new CompletePasswordResetCommand(userId, now));
			this.credentials.save(userId, hash, now);
			this.tokens.consumeAll(OneTimeTokens.Kind.PASSWORD_RESET, userId, now);
			this.sessions.revokeAllSessions(userId, "password-reset");
			return userId;
		});
		this.accounts.findById(reset).ifPresent((account) -> this.throttle.succeeded(account.emailKey()));
		log.info("User {} reset their password", reset);
	}

}
