package com.gemetrics.command.outbound;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The outbound lanes, and SMTP sockets under the sender's deadline.
 */
@Configuration(proxyBeanMethods = false)
class OutboundConfig {

	@Bean(name = OutboundLane.MAIL)
	OutboundLane mailLane(OutboundProperties properties, MeterRegistry meters) {
		return new OutboundLane("mail", properties.mail().threads(), meters);
	}

	@Bean(name = OutboundLane.ALERTS)
	OutboundLane alertDeliveryLane(OutboundProperties properties, MeterRegistry meters) {
		return new OutboundLane("alerts", properties.alerts().threads(), meters);
	}

	@Bean(name = OutboundLane.OSRS)
	OutboundLane osrsLane(OutboundProperties properties, MeterRegistry meters) {
		return new OutboundLane("osrs", properties.osrs().threads(), meters);
	}

	@Bean(name = OutboundLane.STRIPE)
	OutboundLane stripeLane(OutboundProperties properties, MeterRegistry meters) {
		return new OutboundLane("stripe", properties.stripe().threads(), meters);
	}

	@Bean(name = OutboundLane.STRIPE_INBOX)
	OutboundLane stripeInboxLane(OutboundProperties properties, MeterRegistry meters) {
		return new OutboundLane("stripe-inbox", properties.stripeInbox().threads(), meters);
	}

	/**
	 * Every SMTP socket Jakarta Mail opens is closed when the sending thread's
	 * {@link Deadline} passes. (Implicit TLS, {@code mail.smtp.ssl.enable}, uses its own
	 * factory and is not covered: use STARTTLS.)
	 */
	@Bean
	static BeanPostProcessor smtpSocketsUnderDeadlines() {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				if (bean instanceof JavaMailSenderImpl sender) {
					sender.getJavaMailProperties().put("mail.smtp.socketFactory", new DeadlineSocketFactory());
					sender.getJavaMailProperties().put("mail.smtp.socketFactory.fallback", "false");
				}
				return bean;
			}

		};
	}

}
