package com.gemetrics.command.watchlist;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.gemetrics.api.watchlist.AlertRule;
import com.gemetrics.api.watchlist.AlertRulePausedEvent;
import com.gemetrics.api.watchlist.AlertRuleResumedEvent;
import com.gemetrics.api.watchlist.AlertTriggeredEvent;
import com.gemetrics.api.watchlist.AlertType;
import com.gemetrics.api.watchlist.ItemUnwatchedEvent;
import com.gemetrics.api.watchlist.PauseAlertRuleCommand;
import com.gemetrics.api.watchlist.ResumeAlertRuleCommand;
import com.gemetrics.api.watchlist.TriggerAlertCommand;
import com.gemetrics.api.watchlist.WatchlistLimits;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static com.gemetrics.command.watchlist.WatchlistFixtures.DRAGON_BONES;
import static com.gemetrics.command.watchlist.WatchlistFixtures.NOW;
import static com.gemetrics.command.watchlist.WatchlistFixtures.OWNER;
import static com.gemetrics.command.watchlist.WatchlistFixtures.WATCHLIST;
import static com.gemetrics.command.watchlist.WatchlistFixtures.WHIP;
import static com.gemetrics.command.watchlist.WatchlistFixtures.above;
import static com.gemetrics.command.watchlist.WatchlistFixtures.rule;
import static com.gemetrics.command.watchlist.WatchlistFixtures.watch;
import static com.gemetrics.command.watchlist.WatchlistFixtures.watched;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A watchlist snapshot round-trips through Axon's {@link JacksonSerializer} built on
 * Spring Boot's {@link ObjectMapper} with the app's {@code spring.jackson} settings (as
 * {@code axon.serializer.general: jackson} does): it carries the aggregate's revision,
 * only the state that matters, and the restored watchlist enforces every rule as before.
 */
class WatchlistSnapshotSerializationTest {

	private static final int RUNE_PLATEBODY = 1127;

	private static final Instant OBSERVED = NOW.plusSeconds(60);

	private JacksonSerializer serializer;

	private ObjectMapper json;

	@BeforeEach
	void appSerializer() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
			.withPropertyValues("spring.jackson.default-property-inclusion=always",
					"spring.jackson.serialization.write-dates-as-timestamps=false")
			.run((context) -> this.json = context.getBean(ObjectMapper.class));
		this.serializer = JacksonSerializer.builder()
			.objectMapper(this.json)
			.revisionResolver(new AnnotationRevisionResolver())
			.build();
	}

	@Test
	void snapshotCarriesTheRevisionAndOnlyTheWatchlistsState() throws Exception {
		SerializedObject<byte[]> snapshot = this.serializer.serialize(sample(), byte[].class);

		assertThat(snapshot.getType().getName()).isEqualTo(Watchlist.class.getName());
		assertThat(snapshot.getType().getRevision()).isEqualTo("1");
		JsonNode state = this.json.readTree(snapshot.getData());
		assertThat(state.properties()).extracting((field) -> field.getKey())
			.containsExactly("watchlistId", "owner", "items", "lastTriggeredObservation");
		assertThat(state.get("items").properties()).extracting((field) -> field.getKey())
			.containsExactly(String.valueOf(WHIP), String.valueOf(DRAGON_BONES));
		assertThat(state.get("items").get(String.valueOf(WHIP)).get(1).get("active").booleanValue()).isFalse();
		assertThat(state.get("lastTriggeredObservation").get("r1").textValue()).isEqualTo(OBSERVED.toString());
	}

	@Test
	void restoredSnapshotSerializesToTheSameState() {
		SerializedObject<byte[]> snapshot = this.serializer.serialize(sample(), byte[].class);

		Watchlist restored = this.serializer.deserialize(snapshot);

		assertThat(this.serializer.serialize(restored, byte[].class).getData()).isEqualTo(snapshot.getData());
	}

	@Test
	void restoredWatchlistStillEnforcesItsRules() throws Exception {
		Restored restored = restore(sample());

		assertThatExceptionOfType(WatchlistRejected.class)
			.isThrownBy(() -> restored.handle(trigger("a2", "r2", WHIP, OBSERVED.plusSeconds(60))))
			.extracting(WatchlistRejected::error)
			.isEqualTo(WatchlistError.RULE_PAUSED);
		assertThatExceptionOfType(WatchlistRejected.class)
			.isThrownBy(() -> restored.handle(trigger("a2", "r3", WHIP, OBSERVED.plusSeconds(60))))
			.extracting(WatchlistRejected::error)
			.isEqualTo(WatchlistError.RULE_NOT_FOUND);
		assertThatExceptionOfType(WatchlistRejected.class)
			.isThrownBy(() -> restored.handle(new PauseAlertRuleCommand(WATCHLIST, OWNER, "gone", NOW)))
			.extracting(WatchlistRejected::error)
			.isEqualTo(WatchlistError.RULE_NOT_FOUND);
		assertThatExceptionOfType(WatchlistRejected.class)
			.isThrownBy(
					() -> restored.handle(watch(RUNE_PLATEBODY, new WatchlistLimits(3, 10, 200), above("r4", 80_000))))
			.extracting(WatchlistRejected::error)
			.isEqualTo(WatchlistError.RULE_LIMIT_REACHED);
		assertThat(restored.handle(trigger("a2", "r1", WHIP, OBSERVED))).isEqualTo(false);
		assertThat(restored.events).isEmpty();

		assertThat(restored.handle(trigger("a3", "r1", WHIP, OBSERVED.plusSeconds(60)))).isEqualTo(true);
		restored.handle(new ResumeAlertRuleCommand(WATCHLIST, OWNER, "r2", NOW));
		assertThat(restored.events).<Object>extracting(EventMessage::getPayload)
			.hasExactlyElementsOfTypes(AlertTriggeredEvent.class, AlertRuleResumedEvent.class);
	}

	/**
	 * Whip with an active rule r1 (fired on {@link #OBSERVED}) and a paused r2; dragon
	 * bones with r3; a rune platebody watched with r9 and unwatched again.
	 */
	private static Watchlist sample() {
		Watchlist watchlist = new Watchlist();
		watchlist.on(watched(WHIP, above("r1", 1_500_000), rule("r2", AlertType.PRICE_AT_OR_BELOW, 1_000_000)));
		watchlist.on(watched(DRAGON_BONES, rule("r3", AlertType.MARGIN_AT_OR_ABOVE, 200)));
		watchlist.on(watched(RUNE_PLATEBODY, above("gone", 90_000)));
		watchlist.on(new ItemUnwatchedEvent(WATCHLIST, OWNER, RUNE_PLATEBODY, NOW));
		watchlist.on(new AlertRulePausedEvent(WATCHLIST, OWNER, WHIP, "r2", NOW));
		watchlist.on(new AlertTriggeredEvent(WATCHLIST, OWNER, "a1", "r1", WHIP, AlertType.PRICE_AT_OR_ABOVE, 1_500_000,
				1_600_000, OBSERVED, NOW));
		return watchlist;
	}

	private Restored restore(Watchlist watchlist) {
		Watchlist copy = this.serializer.deserialize(this.serializer.serialize(watchlist, byte[].class));
		return new Restored(copy);
	}

	private static TriggerAlertCommand trigger(String alertId, String ruleId, int itemId, Instant observedAt) {
		return new TriggerAlertCommand(WATCHLIST, alertId, ruleId, itemId, AlertType.PRICE_AT_OR_ABOVE, 1_500_000,
				1_600_000, observedAt, NOW);
	}

	/**
	 * A restored watchlist handling commands as Axon would, recording what it applies.
	 */
	private static final class Restored {

		final List<EventMessage<?>> events = new ArrayList<>();

		private final EventSourcedAggregate<Watchlist> aggregate;

		Restored(Watchlist root) {
			SimpleEventBus bus = SimpleEventBus.builder().build();
			bus.subscribe(this.events::addAll);
			this.aggregate = EventSourcedAggregate.initialize(root,
					AnnotatedAggregateMetaModelFactory.inspectAggregate(Watchlist.class), bus,
					NoSnapshotTriggerDefinition.TRIGGER);
		}

		Object handle(Object command) throws Exception {
			return this.aggregate.handle(GenericCommandMessage.asCommandMessage(command));
		}

	}

}
