package com.gemetrics.platform.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Import;

/**
 * What every GE-Metrics app serves the same way: request ids and slow-request warnings,
 * and the health paths {@code /health/live}, {@code /health/ready} and
 * {@code /health/deep}.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import({ RequestTracingFilter.class, HealthController.class })
public class PlatformWebConfig {

}
