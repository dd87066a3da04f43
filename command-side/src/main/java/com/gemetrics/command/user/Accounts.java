package com.gemetrics.command.user;

import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import com.gemetrics.api.user.RegisterUserCommand;
import com.gemetrics.api.user.UserId;
import com.gemetrics.api.user.VerifyEmailCommand;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Registration and e-mail verification. Each change is one database transaction that
 * holds the command's event append, the {@code auth.account} row (unique e-mail key)
 * written by the subscribing {@link UserAccountProjection}, the credential, the token and
 * the queued mail: they commit together or not at all (Axon's JDBC engine and the
 * projection use the Spring-managed connection of this transaction).
 */
@Service
class Accounts {

	private static final Logger log = LoggerFactory.getLogger(Accounts.class);

	private final CommandGateway commands;

	private final TransactionOperations transactions;

	private final AccountRepository accounts;

	private final CredentialRepository credentials;

	private final OneTimeTokens tokens;

	private final AccountMails mails;

	private final MailCooldown cooldown;

	private final PasswordPolicy policy;

	private final PasswordHasher hasher;

	private final AccountProperties properties;

	private final Clock clock;

	Accounts(CommandGateway commands, TransactionOperations transactions, AccountRepository accounts,
			CredentialRepository credentials, OneTimeTokens tokens, AccountMails mails, MailCooldown cooldown,
			PasswordPolicy policy, PasswordHasher hasher, AccountProperties properties, Clock clock) {
		this.commands = commands;
		this.transactions = transactions;
		this.accounts = accounts;
		this.credentials = credentials;
		this.tokens = tokens;
		this.mails = mails;
		this.cooldown = cooldown;
		this.policy = policy;
		this.hasher = hasher;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Registers a user and queues the verification mail. A taken address
	 * (case-insensitively) is a 409: registration reveals that an address has an account
	 * (ASVS allows it; see ADR 7), login and password reset never do.
	 */
	UserId register(String email, String password, String displayName) {
		String address = EmailAddresses.normalize(email);
		String key = EmailAddresses.key(address);
		String name = Normalizer.normalize(displayName, Normalizer.Form.NFC).strip();
		this.policy.check(password);
		if (this.accounts.existsByEmailKey(key)) {
			throw new UserRejected(UserError.EMAIL_TAKEN);
		}
		String hash = this.hasher.hash(password);
		UserId userId = new UserId(UUID.randomUUID());
		Instant now = this.clock.instant();
		try {
			this.transactions.executeWithoutResult((status) -> {
				this.commands.sendAndWait(new RegisterUserCommand(userId, address, name, now));
				this.credentials.save(userId, hash, now);
				String token = this.tokens.issue(OneTimeTokens.Kind.EMAIL_VERIFICATION, userId, now,
						this.properties.verificationTokenTtl());
				this.mails.verification(address, token, now);
			});
		}
		catch (RuntimeException ex) {
			if (isDuplicateKey(ex)) {
				throw new UserRejected(UserError.EMAIL_TAKEN);
			}
			throw ex;
		}
		log.info("Registered user {}", userId);
		return userId;
	}

	/**
	 * Uses a verification token; the bootstrap admin's address also gets the admin role.
	 */
	void verifyEmail(String token) {
		Instant now = this.clock.instant();
		UserId verified = this.transactions.execute((status) -> {
			UserId userId = this.tokens.consume(OneTimeTokens.Kind.EMAIL_VERIFICATION, token, now)
				.orElseThrow(() -> new UserRejected(UserError.TOKEN_INVALID));
			Account account = this.accounts.findById(userId)
				.orElseThrow(() -> new UserRejected(UserError.TOKEN_INVALID));
			boolean bootstrapAdmin = this.properties.isBootstrapAdmin(account.emailKey());
			this.commands.sendAndWait(new VerifyEmailCommand(userId, now, bootstrapAdmin));
			this.tokens.consumeAll(OneTimeTokens.Kind.EMAIL_VERIFICATION, userId, now);
			if (bootstrapAdmin && !account.emailVerified()) {
				log.warn("Bootstrap admin user {} verified: granted admin from configuration", userId);
			}
			return userId;
		});
		log.info("Verified the e-mail address of user {}", verified);
	}

	/** Sends a new verification link, at most one per cooldown. */
	void resendVerification(UserId userId) {
		Account account = this.accounts.findById(userId).orElseThrow(() -> new UserRejected(UserError.USER_NOT_FOUND));
		if (account.emailVerified()) {
			throw new UserRejected(UserError.EMAIL_ALREADY_VERIFIED);
		}
		this.cooldown.tryStart(AccountMails.VERIFICATION, userId.toString()).ifPresent((wait) -> {
			throw new TooManyAttemptsException("VERIFICATION_EMAIL_RECENTLY_SENT",
					"A verification e-mail was sent moments ago; try again later.", wait);
		});
		Instant now = this.clock.instant();
		this.transactions.executeWithoutResult((status) -> {
			String token = this.tokens.issue(OneTimeTokens.Kind.EMAIL_VERIFICATION, userId, now,
					this.properties.verificationTokenTtl());
			this.mails.verification(account.email(), token, now);
		});
		log.info("Queued a new verification mail for user {}", userId);
	}

	private static boolean isDuplicateKey(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof DuplicateKeyException) {
				return true;
			}
		}
		return false;
	}

}
