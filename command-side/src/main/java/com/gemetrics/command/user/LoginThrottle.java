package com.gemetrics.command.user;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.gemetrics.platform.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Failed-login backoff in Redis, shared by every instance, per account and per client IP
 * (see {@link AccountProperties.Login}). The account key is a hash of the e-mail key, so
 * unknown addresses back off exactly like known ones (a 429 says nothing about existence)
 * and no address is stored in Redis. IPv6 clients are counted per /64, the block one
 * subscriber usually holds. When Redis cannot be reached, logins are refused with 503
 * rather than left unthrottled.
 */
@Component
class LoginThrottle {

	private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

	/**
	 * KEYS: failure counter, block key. ARGV: failure window ms, threshold, first delay
	 * ms, max delay ms. Counts the failure and, past the threshold, blocks for the
	 * backoff; returns the block in ms (0 when none).
	 */
	private static final RedisScript<Long> FAILURE = RedisScript.of("""
			local n = redis.call('INCR', KEYS[1])
			redis.call('PEXPIRE', KEYS[1], ARGV[1])
			local threshold = tonumber(ARGV[2])
			if n < threshold then
			  return 0
			end
			local delay = tonumber(ARGV[4])
			local exponent = n - threshold
			if exponent < 40 then
			  delay = math.min(tonumber(ARGV[3]) * (2 ^ exponent), delay)
			end
			delay = math.floor(delay)
			redis.call('SET', KEYS[2], n, 'PX', delay)
			return delay
			""", Long.class);

	private final StringRedisTemplate redis;

	private final AccountProperties.Login properties;

	private final String prefix;

	LoginThrottle(StringRedisTemplate redis, AccountProperties properties,
			@Value("${ge.redis.key-prefix}") String keyPrefix) {
		this.redis = redis;
		this.properties = properties.login();
		this.prefix = keyPrefix + "auth:login:";
	}

	/**
	 * How long the caller must still wait, if either the account or the IP is backing
	 * off.
	 */
	Optional<Duration> blocked(String emailKey, String ip) {
		try {
			long account = remainingMillis(blockKey(accountId(emailKey)));
			long address = remainingMillis(blockKey(ipId(ip)));
			long wait = Math.max(account, address);
			return (wait > 0) ? Optional.of(Duration.ofMillis(wait)) : Optional.empty();
		}
		catch (DataAccessException ex) {
			throw unavailable(ex);
		}
	}

	/** Counts a failure against the account and the IP. */
	void failed(String emailKey, String ip) {
		try {
			count(accountId(emailKey), this.properties.accountThreshold());
			count(ipId(ip), this.properties.ipThreshold());
		}
		catch (DataAccessException ex) {
			throw unavailable(ex);
		}
	}

	/**
	 * Forgets the account's failures (not the IP's: one good login must not clear a
	 * spray).
	 */
	void succeeded(String emailKey) {
		try {
			String id = accountId(emailKey);
			this.redis.delete(List.of(failureKey(id), blockKey(id)));
		}
		catch (DataAccessException ex) {
			throw unavailable(ex);
		}
	}

	private void count(String id, int threshold) {
		this.redis.execute(FAILURE, List.of(failureKey(id), blockKey(id)),
				Long.toString(this.properties.failureWindow().toMillis()), Integer.toString(threshold),
				Long.toString(this.properties.firstDelay().toMillis()),
				Long.toString(this.properties.maxDelay().toMillis()));
	}

	private long remainingMillis(String key) {
		Long ttl = this.redis.getExpire(key, TimeUnit.MILLISECONDS);
		return (ttl != null && ttl > 0) ? ttl : 0;
	}

	private String failureKey(String id) {
		return this.prefix + "failures:" + id;
	}

	private String blockKey(String id) {
		return this.prefix + "blocked:" + id;
	}

	private static String accountId(String emailKey) {
		return "account:" + digest(emailKey);
	}

	/**
	 * The IP's counter id: IPv4 as is, IPv6 by its /64. A literal is parsed, never
	 * resolved.
	 */
	static String ipId(String ip) {
		if (ip.indexOf(':') < 0) {
			return "ip:" + ip;
		}
		try {
			byte[] address = InetAddress.getByName(ip).getAddress();
			if (address.length == 16) {
				return "ip:" + HexFormat.of().formatHex(address, 0, 8) + "::/64";
			}
			return "ip:" + InetAddress.getByAddress(address).getHostAddress();
		}
		catch (UnknownHostException ex) {
			return "ip:" + digest(ip);
		}
	}

	/** A SHA-256 hex digest, to key Redis by an address without storing it. */
	static String digest(String value) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every JVM", ex);
		}
	}

	private static ApiException unavailable(DataAccessException ex) {
		log.error("Login throttle unavailable: {}", ex.getMessage());
		return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "AUTH_UNAVAILABLE",
				"Sign-in is unavailable for a moment; try again later.");
	}

}
