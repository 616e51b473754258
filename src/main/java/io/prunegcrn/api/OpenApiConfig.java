package io.prunegcrn.api;

import java.util.List;
import java.util.Map;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.prunegcrn.security.ApiKeyProperties;

/**
 * The OpenAPI description behind Swagger UI ({@code /swagger-ui.html}) and {@code /v3/api-docs}. Each operation
 * declares its own success status ({@code @ResponseStatus} or {@code @ApiResponse}) and the errors only it has (409,
 * 413, 422, 429); {@link #problemResponses()} adds the errors every operation can answer and gives every 4xx and 5xx
 * the RFC 9457 problem-details schema.
 */
@Configuration
class OpenApiConfig {

    static final String PROBLEM = "Problem";

    @Bean
    OpenAPI pruneGcrnOpenApi() {
        return new OpenAPI()
                .info(new Info().title("PruneGCRN service").version("v1")
                        .description("Train traffic forecasters that learn which sensors they need (PruneGCRN: AGCRN with a "
                                + "learned binary node mask), then read forecasts for every sensor, the mask and the sensors "
                                + "to keep. Mutating requests need the X-API-Key header when the service has an API key (Authorize, top right). "
                                + "Errors are RFC 9457 problem details (application/problem+json).")
                        .license(new License().name("MIT").identifier("MIT")))
                .addSecurityItem(new SecurityRequirement().addList("apiKey"))
                .components(new Components().addSecuritySchemes("apiKey",
                        new SecurityScheme().type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER).name(ApiKeyProperties.HEADER)));
    }

    @Bean
    OpenApiCustomizer problemResponses() {
        return openApi -> {
            openApi.getComponents().addSchemas(PROBLEM, problemSchema());
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                ApiResponses responses = operation.getResponses();
                responses.putIfAbsent("400", new ApiResponse().description("Invalid request: the problem's field (or file "
                        + "and line) says what is wrong"));
                if (method != PathItem.HttpMethod.GET) {
                    responses.putIfAbsent("401", new ApiResponse().description("No valid X-API-Key (the service has API keys)"));
                }
                if (path.contains("{")) {
                    responses.putIfAbsent("404", new ApiResponse().description("No such " + resource(path)));
                }
                responses.putIfAbsent("500", new ApiResponse().description("Internal error (the service log has the cause)"));
                responses.forEach((code, response) -> {
                    if (code.startsWith("4") || code.startsWith("5")) {
                        response.setContent(new Content().addMediaType(MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                                new io.swagger.v3.oas.models.media.MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
                    }
                });
            }));
        };
    }

    /** RFC 9457 problem details, with this API's extension members. */
    private static Schema<?> problemSchema() {
        Map<String, Schema> properties = new java.util.LinkedHashMap<>();
        properties.put("type", new StringSchema().format("uri").example("about:blank"));
        properties.put("title", new StringSchema().example("Invalid request"));
        properties.put("status", new IntegerSchema().example(400));
        properties.put("detail", new StringSchema().example("gamma: must be in (0, 1], got 1.5"));
        properties.put("instance", new StringSchema().format("uri-reference").example("/api/v1/training-jobs"));
        properties.put("field", new StringSchema().description("the request field, parameter or header at fault").example("gamma"));
        properties.put("file", new StringSchema().description("an uploaded file at fault").example("series.csv"));
        properties.put("line", new IntegerSchema().description("its line").example(3));
        return new ObjectSchema().description("RFC 9457 problem details").properties(properties)
                .required(List.of("type", "title", "status"));
    }

    private static String resource(String path) {
        String[] parts = path.split("/");
        for (int i = parts.length - 1; i > 0; i--) {
            if (parts[i].startsWith("{")) {
                return parts[i - 1].replaceAll("s$", "").replace('-', ' ');
            }
        }
        return "resource";
    }
}
