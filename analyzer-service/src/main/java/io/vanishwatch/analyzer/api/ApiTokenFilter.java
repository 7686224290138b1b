package io.vanishwatch.analyzer.api;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import io.vanishwatch.events.BearerToken;

/** Refuses every request under /api that does not carry the configured bearer token (all, when none is set). */
@Provider
@PreMatching
public class ApiTokenFilter implements ContainerRequestFilter {

    /** Looked up per request: the filter is created before the runtime configuration is there. */
    @Inject
    Instance<BearerToken> tokens;

    @Override
    public void filter(ContainerRequestContext request) {
        BearerToken token = tokens.get();
        String path = request.getUriInfo().getPath();
        boolean api = path.equals("/api") || path.startsWith("/api/") || path.equals("api") || path.startsWith("api/");
        if (api && !token.admits(request.getHeaderString(HttpHeaders.AUTHORIZATION))) {
            String reason = token.configured() ? "a valid bearer token is required"
                    : "no API token is configured on this analyzer: set " + token.key();
            request.abortWith(Response.status(Response.Status.UNAUTHORIZED)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"vanishwatch-analyzer\"")
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new ApiError(reason))
                    .build());
        }
    }
}
