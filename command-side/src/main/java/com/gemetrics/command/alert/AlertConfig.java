package com.gemetrics.command.alert;

import java.net.InetAddress;
import java.security.NoSuchAlgorithmException;

import javax.net.ssl.SSLContext;

import com.gemetrics.command.outbound.OutboundProperties;
import org.apache.hc.client5.http.ssl.DefaultHostnameVerifier;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The alert processors propagate handler errors (Axon's default only logs them and moves
 * on), so a failed batch rolls back with its token and is retried instead of losing an
 * alert; and the webhook beans: public addresses only, the JVM's trust store and host
 * name checks.
 */
@Configuration(proxyBeanMethods = false)
class AlertConfig {

	@Bean
	ConfigurerModule alertProcessors() {
		return (configurer) -> configurer.eventProcessing((processing) -> processing
			.registerListenerInvocationErrorHandler(AlertPolicy.GROUP,
					(configuration) -> PropagatingErrorHandler.instance())
			.registerListenerInvocationErrorHandler(AlertDeliveries.GROUP,
					(configuration) -> PropagatingErrorHandler.instance()));
	}

	@Bean
	WebhookAddressPolicy webhookAddressPolicy() {
		return WebhookAddressPolicy.publicOnly(InetAddress::getAllByName);
	}

	@Bean
	WebhookUrls webhookUrls(WebhookAddressPolicy policy, AlertProperties properties) {
		return new WebhookUrls(policy, properties.webhook().maxUrlLength());
	}

	@Bean
	WebhookClient webhookClient(WebhookAddressPolicy policy, AlertProperties properties, OutboundProperties outbound)
			throws NoSuchAlgorithmException {
		return new WebhookClient(policy, properties.webhook(), outbound.alerts().deadline(), SSLContext.getDefault(),
				new DefaultHostnameVerifier());
	}

}
