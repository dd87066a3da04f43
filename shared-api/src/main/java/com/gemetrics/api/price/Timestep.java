package com.gemetrics.api.price;

import java.time.Duration;

/** The averaging windows of the prices API. */
public enum Timestep {

	/** Five-minute buckets, {@code /5m} and {@code /timeseries?timestep=5m}. */
	FIVE_MINUTES("5m", Duration.ofMinutes(5)),

	/** One-hour buckets, {@code /1h} and {@code /timeseries?timestep=1h}. */
	ONE_HOUR("1h", Duration.ofHours(1));

	private final String code;

	private final Duration length;

	Timestep(String code, Duration length) {
		this.code = code;
		this.length = length;
	}

	/** The API's name for the window: {@code 5m} or {@code 1h}. */
	public String code() {
		return this.code;
	}

	public Duration length() {
		return this.length;
	}

	/** The timestep for an API code, or {@code null} for an unknown one. */
	public static Timestep fromCode(String code) {
		for (Timestep timestep : values()) {
			if (timestep.code.equals(code)) {
				return timestep;
			}
		}
		return null;
	}

}
