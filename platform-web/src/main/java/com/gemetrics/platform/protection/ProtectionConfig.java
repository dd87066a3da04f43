package com.gemetrics.platform.protection;

import java.time.Clock;
import java.util.List;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.gemetrics.platform.subscription.EntitlementLookup;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.codec.ByteArrayCodec;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * Abuse protection as servlet filters, each registered with an explicit order (ADR 0009):
 * <ol>
 * <li>{@code RequestTracingFilter} (highest precedence);</li>
 * <li>{@link ClientIpFilter} ({@link #CLIENT_IP_ORDER}): {@code getRemoteAddr()} becomes
 * the resolved client IP;</li>
 * <li>CORS ({@link #CORS_ORDER}), so that even a 429 or 413 carries the CORS
 * headers;</li>
 * <li>{@link ClientRateLimitFilter} ({@link #CLIENT_RATE_LIMIT_ORDER}) on {@code /api/*}:
 * per IP, before authentication;</li>
 * <li>{@link RequestSizeFilter} ({@link #REQUEST_SIZE_ORDER});</li>
 * <li>{@link ContentTypeFilter} ({@link #CONTENT_TYPE_ORDER});</li>
 * <li>Spring Security's filter chain
 * ({@link SecurityProperties#DEFAULT_FILTER_ORDER});</li>
 * <li>{@link UserRateLimitFilter} ({@link #USER_RATE_LIMIT_ORDER}) on {@code /api/*}: per
 * user, after authentication;</li>
 * <li>everything else, the items fast path last.</li>
 * </ol>
 * A configuration class rather than {@code @Component} filters, so that web slice tests
 * do not pick them up.
 */
@AutoConfiguration
@EnableConfigurationProperties(ProtectionProperties.class)
public class ProtectionConfig {

	static final int CLIENT_IP_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	static final int CORS_ORDER = Ordered.HIGHEST_PRECEDENCE + 15;

	static final int CLIENT_RATE_LIMIT_ORDER = Ordered.HIGHEST_PRECEDENCE + 20;

	static final int REQUEST_SIZE_ORDER = Ordered.HIGHEST_PRECEDENCE + 30;

	static final int CONTENT_TYPE_ORDER = Ordered.HIGHEST_PRECEDENCE + 35;

	static final int USER_RATE_LIMIT_ORDER = SecurityProperties.DEFAULT_FILTER_ORDER + 10;

	/**
	 * Named {@code clientIpResolver}: the accounts feature has a {@code clientIp} bean of
	 * its own.
	 */
	@Bean
	ClientIp clientIpResolver(ProtectionProperties properties) {
		return new ClientIp(properties.trustedProxies());
	}

	@Bean
	FilterRegistrationBean<ClientIpFilter> clientIpFilter(ClientIp clientIpResolver) {
		return registration("clientIp", new ClientIpFilter(clientIpResolver), CLIENT_IP_ORDER, "/*");
	}

	@Bean
	CorsConfigurationSource corsConfigurationSource(ProtectionProperties properties) {
		CorsConfiguration cors = new CorsConfiguration();
		cors.setAllowedOrigins(properties.corsAllowedOrigins().stream().filter((origin) -> !origin.isBlank()).toList());
		cors.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE", "OPTIONS"));
		cors.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, HttpHeaders.IF_NONE_MATCH,
				"X-Request-Id"));
		cors.setExposedHeaders(List.of(HttpHeaders.ETAG, HttpHeaders.LOCATION, HttpHeaders.RETRY_AFTER,
				RateLimitHeaders.LIMIT, RateLimitHeaders.REMAINING, RateLimitHeaders.RESET, "X-Request-Id"));
		cors.setAllowCredentials(false);
		cors.setMaxAge(3600L);
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/**", cors);
		return source;
	}

	@Bean
	FilterRegistrationBean<CorsFilter> corsFilterRegistration(CorsConfigurationSource corsConfigurationSource) {
		return registration("cors", new CorsFilter(corsConfigurationSource), CORS_ORDER, "/*");
	}

	@Bean
	RateLimiter rateLimits(RedisConnectionFactory connectionFactory, ProtectionProperties properties,
			@Value("${ge.redis.key-prefix}") String keyPrefix, Clock clock, MeterRegistry registry) {
		return new RateLimiter(() -> redisClient(connectionFactory).connect(ByteArrayCodec.INSTANCE),
				properties.rateLimit(), keyPrefix, clock, registry);
	}

	@Bean
	HealthIndicator rateLimiterHealthIndicator(RateLimiter rateLimits, ProtectionProperties properties) {
		return new RateLimiterHealthIndicator(rateLimits, properties.rateLimit());
	}

	@Bean
	ProblemResponses protectionProblemResponses(ObjectMapper objectMapper) {
		return new ProblemResponses(objectMapper);
	}

	@Bean
	FilterRegistrationBean<ClientRateLimitFilter> clientRateLimitFilter(RateLimiter rateLimits,
			ProblemResponses protectionProblemResponses, MeterRegistry registry, ProtectionProperties properties) {
		FilterRegistrationBean<ClientRateLimitFilter> registration = registration("clientRateLimit",
				new ClientRateLimitFilter(rateLimits, protectionProblemResponses, registry, properties.rateLimit()),
				CLIENT_RATE_LIMIT_ORDER, "/api/*");
		registration.setEnabled(properties.rateLimit().enabled());
		return registration;
	}

	@Bean
	FilterRegistrationBean<RequestSizeFilter> requestSizeFilter(ProtectionProperties properties,
			ProblemResponses protectionProblemResponses) {
		return registration("requestSize", new RequestSizeFilter(properties, protectionProblemResponses),
				REQUEST_SIZE_ORDER, "/*");
	}

	@Bean
	FilterRegistrationBean<ContentTypeFilter> contentTypeFilter(ProblemResponses protectionProblemResponses) {
		return registration("contentType", new ContentTypeFilter(protectionProblemResponses), CONTENT_TYPE_ORDER, "/*");
	}

	/**
	 * Per user; premium users' data limit is multiplied by their plan's factor (the
	 * {@link EntitlementLookup}, when the app has one).
	 */
	@Bean
	FilterRegistrationBean<UserRateLimitFilter> userRateLimitFilter(RateLimiter rateLimits,
			ProblemResponses protectionProblemResponses, MeterRegistry registry, ProtectionProperties properties,
			ObjectProvider<EntitlementLookup> entitlements) {
		FilterRegistrationBean<UserRateLimitFilter> registration = registration("userRateLimit",
				new UserRateLimitFilter(rateLimits, protectionProblemResponses, registry, properties.rateLimit(),
						entitlements.getIfAvailable()),
				USER_RATE_LIMIT_ORDER, "/api/*");
		registration.setEnabled(properties.rateLimit().enabled());
		return registration;
	}

	/**
	 * Caps JSON nesting depth and string length for every JSON read (request bodies
	 * included).
	 */
	@Bean
	Jackson2ObjectMapperBuilderCustomizer jsonReadLimits(ProtectionProperties properties) {
		StreamReadConstraints constraints = StreamReadConstraints.builder()
			.maxNestingDepth(properties.jsonMaxNestingDepth())
			.maxStringLength(properties.jsonMaxStringLength())
			.build();
		return (builder) -> builder
			.postConfigurer((objectMapper) -> objectMapper.getFactory().setStreamReadConstraints(constraints));
	}

	private static <F extends jakarta.servlet.Filter> FilterRegistrationBean<F> registration(String name, F filter,
			int order, String urlPattern) {
		FilterRegistrationBean<F> registration = new FilterRegistrationBean<>(filter);
		registration.setName(name);
		registration.setOrder(order);
		registration.addUrlPatterns(urlPattern);
		return registration;
	}

	private static RedisClient redisClient(RedisConnectionFactory connectionFactory) {
		if (connectionFactory instanceof LettuceConnectionFactory lettuce) {
			AbstractRedisClient client = lettuce.getNativeClient();
			if (client instanceof RedisClient redis) {
				return redis;
			}
		}
		throw new IllegalStateException("the rate limiter needs a standalone Lettuce Redis client");
	}

}
