package com.gemetrics.platform.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * Every error of every GE-Metrics app as RFC 9457 problem+json with a {@code code}: the
 * exception handler, and the container's error page in place of Spring Boot's (hence
 * before {@link ErrorMvcAutoConfiguration}). Listed for web slice tests too, so a
 * {@code @WebMvcTest} answers errors as the app does.
 */
@AutoConfiguration(before = { WebMvcAutoConfiguration.class, ErrorMvcAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import({ ApiExceptionHandler.class, ProblemErrorController.class })
public class ProblemJsonConfig {

}
