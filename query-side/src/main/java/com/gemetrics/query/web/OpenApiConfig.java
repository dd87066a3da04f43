package com.gemetrics.query.web;

import io.swagger.v3.oas.models.ExternalDocumentation;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description of the query side, crediting the source of the price data. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

	@Bean
	OpenAPI geMetricsOpenApi() {
		return new OpenAPI()
			.info(new Info().title("GE-Metrics query API")
				.version("v1")
				.description("Read API of GE-Metrics: Old School RuneScape Grand Exchange items with latest prices, "
						+ "margins after GE tax, ROI, volumes, price history and market rankings. "
						+ "Errors are RFC 9457 problem+json with a `code` property.\n\n"
						+ "Price data comes from the OSRS Wiki real-time prices API (https://prices.runescape.wiki), "
						+ "by the OSRS Wiki and RuneLite, licensed CC BY-NC-SA 3.0: attribute it wherever it is shown.")
				.license(new License().name("Price data: CC BY-NC-SA 3.0 (OSRS Wiki)")
					.url("https://creativecommons.org/licenses/by-nc-sa/3.0/")))
			.externalDocs(new ExternalDocumentation().description("OSRS Wiki real-time prices API")
				.url("https://prices.runescape.wiki/"));
	}

}
