package com.gemetrics.platform.protection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points the context's Redis at a loopback port nobody listens on (after
 * RealInfrastructure).
 */
class ClosedRedisPort implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("closedRedisPort",
					Map.of("spring.data.redis.url", "redis://127.0.0.1:" + port)));
	}

}
