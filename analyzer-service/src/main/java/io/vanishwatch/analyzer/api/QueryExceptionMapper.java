package io.vanishwatch.analyzer.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.jboss.logging.Logger;

import io.vanishwatch.analyzer.query.QueryException;

/** A question that cannot be answered now: 400, 502, or 503 with Retry-After while the state moves. */
@Provider
public class QueryExceptionMapper implements ExceptionMapper<QueryException> {

    private static final Logger LOG = Logger.getLogger(QueryExceptionMapper.class);

    @Override
    public Response toResponse(QueryException e) {
        Response.ResponseBuilder response = Response.status(e.reason().status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(e.getMessage()));
        switch (e.reason()) {
            case NOT_QUERYABLE_YET -> {
                LOG.debugf("Not answerable yet: %s", e.getMessage());
                response.header("Retry-After", QueryException.RETRY_AFTER.toSeconds());
            }
            case PEER_FAILED -> LOG.warnf("A question could not be answered: %s", e.getMessage());
            case BAD_REQUEST -> {
            }
        }
        return response.build();
    }
}
