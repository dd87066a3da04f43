package com.gemetrics.platform.protection;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.gemetrics.api.subscription.Entitlements;
import com.gemetrics.platform.subscription.EntitlementLookup;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.server.PathContainer;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The per-user limits, after Spring Security's filter chain: an authenticated caller's
 * {@code GET} of a data path takes from the user's {@code data} bucket, a {@code POST} to
 * an upload path from the {@code upload} bucket. The user is the name (the user id) of
 * the {@link Authentication} in the {@link SecurityContextHolder}; anonymous callers are
 * left to the per-IP limits.
 * <p>
 * A user whose plan multiplies the data limit
 * ({@link Entitlements#dataRequestsPerMinuteFactor()}, 10 on premium) takes from a bucket
 * of its own, {@code data-x<factor>}, that holds that many times {@code data}: a plan
 * change moves the user to a fresh bucket rather than resizing a shared one.
 */
class UserRateLimitFilter extends RateLimitFilter {

	private final AuthenticationTrustResolver trustResolver = new AuthenticationTrustResolverImpl();

	private final List<PathPattern> dataPaths;

	private final List<PathPattern> uploadPaths;

	private final List<RateLimitRule> data;

	private final List<RateLimitRule> upload;

	private final RateLimiter limiter;

	private final long dataLimit;

	private final EntitlementLookup entitlements;

	private final Map<Integer, List<RateLimitRule>> dataByFactor = new ConcurrentHashMap<>();

	/**
	 * @param entitlements the callers' plans, or {@code null}: everyone has the
	 * {@code data} limit
	 */
	UserRateLimitFilter(RateLimiter limiter, ProblemResponses problems, MeterRegistry registry,
			ProtectionProperties.RateLimit settings, EntitlementLookup entitlements) {
		super(limiter, problems, registry);
		this.limiter = limiter;
		this.dataPaths = parse(settings.dataPaths());
		this.uploadPaths = parse(settings.uploadPaths());
		this.dataLimit = settings.data();
		this.data = List.of(limiter.rule("data", settings.data()));
		this.upload = List.of(limiter.rule("upload", settings.upload()));
		this.entitlements = entitlements;
	}

	static List<PathPattern> parse(List<String> patterns) {
		return patterns.stream().map(PathPatternParser.defaultInstance::parse).toList();
	}

	/**
	 * Whether the request's path matches one of the patterns. Patterns match the path as
	 * sent, still percent-encoded, as Spring MVC matches it: the servlet path is already
	 * decoded, and a decoded {@code %} (sent as {@code %25}) is no longer a valid path.
	 */
	static boolean matches(List<PathPattern> patterns, HttpServletRequest request) {
		PathContainer container = PathContainer
			.parsePath(request.getRequestURI().substring(request.getContextPath().length()));
		for (PathPattern pattern : patterns) {
			if (pattern.matches(container)) {
				return true;
			}
		}
		return false;
	}

	@Override
	List<RateLimitRule> rules(HttpServletRequest request, String path) {
		String method = request.getMethod();
		if ("GET".equals(method) && matches(this.dataPaths, request)) {
			return dataRules();
		}
		if ("POST".equals(method) && matches(this.uploadPaths, request)) {
			return this.upload;
		}
		return List.of();
	}

	/** The caller's data rule: {@code data}, or {@code data-x<factor>} for their plan. */
	private List<RateLimitRule> dataRules() {
		if (this.entitlements == null) {
			return this.data;
		}
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (!this.trustResolver.isAuthenticated(authentication)) {
			return this.data;
		}
		int factor = this.entitlements.forUser(authentication.getName()).dataRequestsPerMinuteFactor();
		if (factor <= 1) {
			return this.data;
		}
		return this.dataByFactor.computeIfAbsent(factor,
				(f) -> List.of(this.limiter.rule("data-x" + f, Math.multiplyExact(this.dataLimit, (long) f))));
	}

	@Override
	String subject(HttpServletRequest request) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return this.trustResolver.isAuthenticated(authentication) ? authentication.getName() : null;
	}

}
