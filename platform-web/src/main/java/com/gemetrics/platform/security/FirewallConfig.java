package com.gemetrics.platform.security;

import java.util.function.Predicate;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's {@link StrictHttpFirewall} with its header and parameter-name checks
 * written as loops over the code points instead of regular expressions. The rules are the
 * firewall's own (every code point assigned and not a control character; a tab allowed in
 * header values), but the default checks run a Unicode-class regex each time anything
 * reads a header: under {@code bench.sh write} they were 37 % of the command side's CPU
 * samples (docs/performance.md, "Write path").
 */
@AutoConfiguration
@ConditionalOnClass(StrictHttpFirewall.class)
public class FirewallConfig {

	/** Header and parameter names: assigned code points, no control characters. */
	static final Predicate<String> NAMES = (name) -> allowed(name, false);

	/** Header values: as names, and tabs; a missing value passes. */
	static final Predicate<String> HEADER_VALUES = (value) -> value == null || allowed(value, true);

	@Bean
	@ConditionalOnMissingBean
	HttpFirewall httpFirewall() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowedHeaderNames(NAMES);
		firewall.setAllowedHeaderValues(HEADER_VALUES);
		firewall.setAllowedParameterNames(NAMES);
		return firewall;
	}

	private static boolean allowed(String text, boolean tabAllowed) {
		int length = text.length();
		for (int i = 0; i < length;) {
			int codePoint = text.codePointAt(i);
			int type = Character.getType(codePoint);
			if (type == Character.UNASSIGNED || (type == Character.CONTROL && !(tabAllowed && codePoint == '\t'))) {
				return false;
			}
			i += Character.charCount(codePoint);
		}
		return true;
	}

}
