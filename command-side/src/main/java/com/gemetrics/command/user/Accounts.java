package com.gemetrics.command.user;

import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.SecretKey;

import com.gemetrics.command.axon.Actors;
import com.gemetrics.api.user.ExpireRegistrationCommand;
import com.gemetrics.api.user.RegisterUserCommand;
import com.gemetrics.api.user.SupersedeRegistrationCommand;
import com.gemetrics.api.user.UserId;
import com.gemetrics.api.user.VerifyEmailCommand;
import com.gemetrics.platform.privacy.DataKeyStore;
import com.gemetrics.platform.privacy.PersonalDataCipher;
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
 * projection use the Spring-managed connection of this transaction). The address and the
 * display name travel encrypted under the new user's own data key, created in that same
 * transaction (ADR 22).
 */
@Service
class Accounts {

	private static final Logger log = LoggerFactory.getLogger(Accounts.class);

	private static final int MAX_REGISTRATION_ATTEMPTS = 3;

	static final int EXPIRY_BATCH = 100;

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

	private final SignupMetrics signups;

	private final DataKeyStore dataKeys;

	private final PersonalDataCipher cipher;

	private final Clock clock;

	Accounts(CommandGateway commands, TransactionOperations transactions, AccountRepository accounts,
			CredentialRepository credentials, OneTimeTokens tokens, AccountMails mails, MailCooldown cooldown,
			PasswordPolicy policy, PasswordHasher hasher, AccountProperties properties, SignupMetrics signups,
			DataKeyStore dataKeys, PersonalDataCipher cipher, Clock clock) {
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
		this.signups = signups;
		this.dataKeys = dataKeys;
		this.cipher = cipher;
		this.clock = clock;
	}

	/**
	 * Registers a user and queues the verification mail. An address held by a verified
	 * account (case-insensitively) is a 409: registration reveals that an address has an
	 * account (ASVS allows it; see ADR 7), login and password reset never do. An address
	 * held by an unverified account goes to this newer registration: the older account is
	 * superseded (it gives up the address, its links die, its sessions end), so whoever
	 * registered first cannot keep someone else's address (ADR 13). Two registrations
	 * racing for a free address both end registered, the later one holding it. Each
	 * attempt is counted by outcome ({@link SignupMetrics}).
	 */
	UserId register(String email, String password, String displayName) {
		return this.signups.count(() -> registerUser(email, password, displayName));
	}

	private UserId registerUser(String email, String password, String displayName) {
		String address = EmailAddresses.normalize(email);
		String key = EmailAddresses.key(address);
		String name = Normalizer.normalize(displayName, Normalizer.Form.NFC).strip();
		this.policy.check(password);
		if (this.accounts.findByEmailKey(key).filter(Account::emailVerified).isPresent()) {
			throw new UserRejected(UserError.EMAIL_TAKEN);
		}
		String hash = this.hasher.hash(password);
		UserId userId = new UserId(UUID.randomUUID());
		for (int attempt = 1;; attempt++) {
			try {
				Optional<UserId> superseded = registerOnce(userId, address, key, name, hash);
				superseded.ifPresentOrElse(
						(older) -> log.info("Registered user {}, superseding unverified user {}", userId, older),
						() -> log.info("Registered user {}", userId));
				return userId;
			}
			catch (RuntimeException ex) {
				if (!isDuplicateKey(ex) || attempt == MAX_REGISTRATION_ATTEMPTS) {
					throw isDuplicateKey(ex) ? new UserRejected(UserError.EMAIL_TAKEN) : ex;
				}
				log.debug("Registration of user {} raced another one of its address; trying again", userId);
			}
		}
	}

	private Optional<UserId> registerOnce(UserId userId, String address, String key, String name, String hash) {
		Instant now = this.clock.instant();
		return this.transactions.execute((status) -> {
			Optional<Account> holder = this.accounts.lockByEmailKey(key);
			if (holder.isPresent() && holder.get().emailVerified()) {
				throw new UserRejected(UserError.EMAIL_TAKEN);
			}
			holder.ifPresent((older) -> this.commands
				.sendAndWait(new SupersedeRegistrationCommand(older.userId(), userId, now)));
			// The user's data key commits with the event that needs it (ADR 22).
			SecretKey dataKey = this.dataKeys.createIfMissing(userId, now)
				.orElseThrow(() -> new IllegalStateException("The data key of new user " + userId + " is destroyed"));
			this.commands.sendAndWait(new RegisterUserCommand(userId, this.cipher.encrypt(userId, dataKey, address),
					this.cipher.encrypt(userId, dataKey, name), now));
			this.credentials.save(userId, hash, now);
			String token = this.tokens.issue(OneTimeTokens.Kind.EMAIL_VERIFICATION, userId, now,
					this.properties.verificationTokenTtl());
			this.mails.verification(address, token, now);
			return holder.map(Account::userId);
		});
	}

	/**
	 * Uses a verification token. The caller must be logged in as the account the link was
	 * mailed for: the link proves the mailbox, the login proves the registration's
	 * password, so a click can verify only the registration it came from and only for
	 * whoever made it, never a rival registration of the same address (ADR 13). A token
	 * of another account is refused and left unused. The bootstrap admin's address also
	 * gets the admin role.
	 */
	void verifyEmail(String token, UserId caller) {
		Instant now = this.clock.instant();
		UserId verified = this.transactions.execute((status) -> {
			UserId owner = this.tokens.peek(OneTimeTokens.Kind.EMAIL_VERIFICATION, token, now)
				.orElseThrow(() -> new UserRejected(UserError.TOKEN_INVALID));
			if (!owner.equals(caller)) {
				throw new UserRejected(UserError.VERIFICATION_ACCOUNT_MISMATCH);
			}
			Account account = this.accounts.lockById(owner)
				.filter((found) -> !found.released())
				.orElseThrow(() -> new UserRejected(UserError.TOKEN_INVALID));
			UserId userId = this.tokens.consume(OneTimeTokens.Kind.EMAIL_VERIFICATION, token, now)
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

	/**
	 * Expires unverified registrations older than the configured time, a batch at a time:
	 * each gives up its address, its links die and its sessions end. An account verified
	 * or released meanwhile (by this or another instance) is left alone.
	 * @return how many this call expired
	 */
	int expireUnverified() {
		Instant now = this.clock.instant();
		int expired = 0;
		for (UserId userId : this.accounts
			.findUnverifiedRegisteredBefore(now.minus(this.properties.unverifiedAccountTtl()), EXPIRY_BATCH)) {
			Boolean done = this.transactions.execute((status) -> {
				Optional<Account> account = this.accounts.lockById(userId)
					.filter((found) -> !found.emailVerified() && !found.released());
				account.ifPresent((found) -> Actors.runAs("registration-expiry",
						() -> this.commands.sendAndWait(new ExpireRegistrationCommand(userId, now))));
				return account.isPresent();
			});
			if (Boolean.TRUE.equals(done)) {
				expired++;
			}
		}
		if (expired > 0) {
			log.info("Expired {} unverified registrations", expired);
		}
		return expired;
	}

	/** Sends a new verification link, at most one per cooldown. */
	void resendVerification(UserId userId) {
		Account account = this.accounts.findById(userId).orElseThrow(() -> new UserRejected(UserError.USER_NOT_FOUND));
		if (account.released()) {
			throw new UserRejected(UserError.REGISTRATION_RELEASED);
		}
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
