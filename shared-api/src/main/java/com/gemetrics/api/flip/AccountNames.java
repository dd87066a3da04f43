package com.gemetrics.api.flip;

import java.util.regex.Pattern;

/**
 * What an OSRS account name in the journal may be: 1 to 32 letters, digits, spaces,
 * {@code _} or {@code -}, not starting or ending with a space. One rule for the commands
 * that store accounts and the queries that filter by them.
 */
public final class AccountNames {

	/** The account a flip is on when the caller names none. */
	public static final String DEFAULT = "default";

	/** The longest name. */
	public static final int MAX_LENGTH = 32;

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]([A-Za-z0-9 _-]{0,30}[A-Za-z0-9_-])?");

	private AccountNames() {
	}

	/**
	 * Whether the name is a valid account name.
	 * @param name the name, may be {@code null}
	 * @return {@code true} if valid
	 */
	public static boolean isValid(String name) {
		return name != null && NAME.matcher(name).matches();
	}

}
