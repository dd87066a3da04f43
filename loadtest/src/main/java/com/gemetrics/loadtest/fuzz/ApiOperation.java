package com.gemetrics.loadtest.fuzz;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import com.gemetrics.loadtest.fuzz.FuzzRequest.App;

/**
 * One operation of an app's OpenAPI document ({@code /v3/api-docs}), with every
 * {@code $ref} of its schemas resolved.
 *
 * @param app the app that serves it
 * @param method upper-case HTTP method
 * @param path the path template, e.g. {@code /api/v1/flips/{flipId}}
 * @param parameters its path, query and header parameters
 * @param bodyType the request body's media type, or {@code null} without a body
 * @param bodySchema the body's schema (resolved), or {@code null}
 */
public record ApiOperation(App app, String method, String path, List<Parameter> parameters, String bodyType,
		JsonNode bodySchema) {

	/**
	 * A path, query or header parameter.
	 *
	 * @param name its name
	 * @param in {@code path}, {@code query} or {@code header}
	 * @param required whether it is required
	 * @param schema its schema
	 */
	public record Parameter(String name, String in, boolean required, JsonNode schema) {
	}

	/** How the report names it: {@code COMMAND POST /api/v1/flips}. */
	public String key() {
		return this.app + " " + this.method + " " + this.path;
	}

	List<Parameter> in(String location) {
		return this.parameters.stream().filter((p) -> p.in().equals(location)).toList();
	}

	/**
	 * Every operation of one app's document.
	 * @param app the app
	 * @param document the parsed {@code /v3/api-docs}
	 */
	public static List<ApiOperation> parse(App app, JsonNode document) {
		List<ApiOperation> operations = new ArrayList<>();
		JsonNode schemas = document.path("components").path("schemas");
		Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
		while (paths.hasNext()) {
			Map.Entry<String, JsonNode> path = paths.next();
			Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields();
			while (methods.hasNext()) {
				Map.Entry<String, JsonNode> method = methods.next();
				JsonNode operation = method.getValue();
				List<Parameter> parameters = new ArrayList<>();
				for (JsonNode parameter : operation.path("parameters")) {
					parameters.add(new Parameter(parameter.path("name").asText(), parameter.path("in").asText(),
							parameter.path("required").asBoolean(false),
							resolve(parameter.path("schema"), schemas, 0)));
				}
				String bodyType = null;
				JsonNode bodySchema = null;
				Iterator<Map.Entry<String, JsonNode>> contents = operation.path("requestBody").path("content").fields();
				if (contents.hasNext()) {
					Map.Entry<String, JsonNode> content = contents.next();
					bodyType = content.getKey();
					bodySchema = resolve(content.getValue().path("schema"), schemas, 0);
				}
				operations.add(new ApiOperation(app, method.getKey().toUpperCase(Locale.ROOT), path.getKey(),
						List.copyOf(parameters), bodyType, bodySchema));
			}
		}
		return operations;
	}

	private static JsonNode resolve(JsonNode schema, JsonNode schemas, int depth) {
		if (depth > 8 || schema == null || !schema.isObject()) {
			return schema;
		}
		if (schema.has("$ref")) {
			String name = schema.get("$ref").asText().replaceFirst("^#/components/schemas/", "");
			return resolve(schemas.path(name), schemas, depth + 1);
		}
		ObjectNode copy = ((ObjectNode) schema).deepCopy();
		if (copy.has("items")) {
			copy.set("items", resolve(copy.get("items"), schemas, depth + 1));
		}
		if (copy.has("properties")) {
			ObjectNode properties = (ObjectNode) copy.get("properties");
			List<String> names = new ArrayList<>();
			properties.fieldNames().forEachRemaining(names::add);
			for (String name : names) {
				properties.set(name, resolve(properties.get(name), schemas, depth + 1));
			}
		}
		return copy;
	}

}
