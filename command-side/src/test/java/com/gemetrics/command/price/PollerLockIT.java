package com.gemetrics.command.price;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.gemetrics.api.price.LatestPricesObservedEvent;
import com.gemetrics.command.CommandSideApplication;
import com.gemetrics.command.RealInfrastructure;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two command-side instances on one database: ShedLock lets exactly one of them poll,
 * whether they try at the same moment or one after the other within the lock's minimum
 * hold.
 */
class PollerLockIT {

	@RegisterExtension
	static WireMockExtension osrs = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	static ConfigurableApplicationContext first;

	static ConfigurableApplicationContext second;

	@BeforeAll
	static void startTwoInstances() {
		first = new SpringApplicationBuilder(CommandSideApplication.class).initializers(new RealInfrastructure())
			.run(args(null));
		Environment shared = first.getEnvironment();
		second = new SpringApplicationBuilder(CommandSideApplication.class).run(args(shared));
	}

	@AfterAll
	static void stopInstances() {
		second.close();
		first.close();
	}

	@Test
	void twoInstancesPollingAtOnceProduceOneEvent() throws Exception {
		osrs.stubFor(
				get(urlPathEqualTo("/latest")).willReturn(okJson(new String(OsrsFixtures.bytes(OsrsFixtures.LATEST)))));
		MarketPoller one = first.getBean(MarketPoller.class);
		MarketPoller two = second.getBean(MarketPoller.class);
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(2);
		List<Future<Boolean>> ran = new ArrayList<>();
		try {
			for (MarketPoller poller : List.of(one, two)) {
				Callable<Boolean> poll = () -> {
					start.await();
					return poller.pollLatest();
				};
				ran.add(threads.submit(poll));
			}
			start.countDown();
			List<Boolean> results = new ArrayList<>();
			for (Future<Boolean> result : ran) {
				results.add(result.get());
			}

			assertThat(results).containsExactlyInAnyOrder(true, false);
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(two.pollLatest()).isFalse();
		assertThat(one.pollLatest()).isFalse();

		JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
		assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE payload_type = ?", Integer.class,
				LatestPricesObservedEvent.class.getName()))
			.isEqualTo(1);
		osrs.verify(1, getRequestedFor(urlPathEqualTo("/latest")));
	}

	private static String[] args(Environment shared) {
		List<String> args = new ArrayList<>(
				List.of("--server.port=0", "--ge.poller.enabled=false", "--ge.osrs.base-url=" + osrs.baseUrl(),
						"--spring.datasource.hikari.maximum-pool-size=4", "--spring.datasource.hikari.minimum-idle=1"));
		if (shared != null) {
			for (String property : List.of("spring.datasource.url", "spring.datasource.username",
					"spring.datasource.password", "spring.data.redis.url", "ge.redis.key-prefix")) {
				args.add("--" + property + "=" + shared.getProperty(property, ""));
			}
		}
		return args.toArray(String[]::new);
	}

}
