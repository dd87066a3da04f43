package com.gemetrics.command.user;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.gemetrics.platform.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * At most one verification or reset mail per account per {@code ge.auth.mail-cooldown},
 * across instances (a Redis key set only if absent), so the endpoints cannot be used to
 * flood a mailbox.
 */
@Component
class MailCooldown {

	private static final Logger log = LoggerFactory.getLogger(MailCooldown.class);

	private final StringRedisTemplate redis;

	private final Duration cooldown;

	private final String prefix;

	MailCooldown(StringRedisTemplate redis, AccountProperties properties,
			@Value("${ge.redis.key-prefix}") String keyPrefix) {
		this.redis = redis;
		this.cooldown = properties.mailCooldown();
		this.prefix = keyPrefix + "auth:mail-cooldown:";
	}

	/**
	 * Starts the cooldown of this kind of mail for this subject, if none is running.
	 * @return empty when the mail may be sent, else how long until it may
	 */
	Optional<Duration> tryStart(String kind, String subject) {
		String key = this.prefix + kind + ":" + subject;
		try {
			Boolean started = this.redis.opsForValue().setIfAbsent(key, "1", this.cooldown);
			if (Boolean.TRUE.equals(started)) {
				return Optional.empty();
			}
			Long ttl = this.redis.getExpire(key, TimeUnit.MILLISECONDS);
			return Optional.of(Duration.ofMillis((ttl != null && ttl > 0) ? ttl : this.cooldown.toMillis()));
		}
		catch (DataAccessException ex) {
			log.error("Mail cooldown unavailable: {}", ex.getMessage());
			throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "AUTH_UNAVAILABLE",
					"This is unavailable for a moment; try again later.");
		}
	}

}
