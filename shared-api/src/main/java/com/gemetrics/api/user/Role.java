package com.gemetrics.api.user;

/** What a user may do beyond their own data. Every registered user has {@link #USER}. */
public enum Role {

	/** A registered trader: their own flips, watchlists and account. */
	USER,

	/** Manages users and roles. */
	ADMIN,

	/** Reads and replays the event history. */
	AUDITOR

}
