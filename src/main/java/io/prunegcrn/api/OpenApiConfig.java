package io.prunegcrn.api;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.prunegcrn.security.ApiKeyProperties;

/** The OpenAPI description behind Swagger UI ({@code /swagger-ui.html}) and {@code /v3/api-docs}. */
@Configuration
class OpenApiConfig {

    @Bean
    OpenAPI pruneGcrnOpenApi() {
        return new OpenAPI()
                .info(new Info().title("PruneGCRN service").version("v1")
                        .description("Train traffic forecasters that learn which sensors they need (PruneGCRN: AGCRN with a "
                                + "learned binary node mask), then read forecasts for every sensor, the mask and the sensors "
                                + "to keep. Mutating requests need the X-API-Key header when the service has an API key (Authorize, top right).")
                        .license(new License().name("MIT").identifier("MIT")))
                .addSecurityItem(new SecurityRequirement().addList("apiKey"))
                .components(new Components().addSecuritySchemes("apiKey",
                        new SecurityScheme().type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER).name(ApiKeyProperties.HEADER)));
    }
}
