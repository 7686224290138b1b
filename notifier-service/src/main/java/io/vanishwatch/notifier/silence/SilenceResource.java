package io.vanishwatch.notifier.silence;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.vanishwatch.events.Silence;
import io.vanishwatch.notifier.api.ApiError;
import io.vanishwatch.notifier.api.FieldError;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Silences over HTTP: set one (who, why, which alerts, until when), list them, look one up, expire it. */
@Path("/api/silences")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "silences")
@SecurityScheme(securitySchemeName = "token", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "the value of vanishwatch.notifier.api.token")
@SecurityRequirement(name = "token")
@APIResponse(responseCode = "401", description = "no or a wrong bearer token (or no token configured)")
@APIResponse(responseCode = "503",
        description = "the silences are still being read at start, or the broker did not confirm a change in time")
public class SilenceResource {

    private static final Logger LOG = Logger.getLogger(SilenceResource.class);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    @Inject
    SilenceBook book;

    @Inject
    SilenceWriter writer;

    @Inject
    SilenceConfig config;

    private final Clock clock = Clock.systemUTC();

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a silence: alerts whose labels (account, customer, pattern, severity) match every "
            + "matcher are not notified from startsAt (default now) until endsAt")
    @APIResponse(responseCode = "201", description = "set; Location names it")
    @APIResponse(responseCode = "400", description = "the fields that are wrong, each with the reason")
    public Response create(SilenceDraft draft) throws InterruptedException {
        if (!book.caughtUp()) {
            return notReadYet();
        }
        Instant now = clock.instant();
        if (draft == null) {
            return invalid(List.of(new FieldError("body", "a silence is required as JSON")));
        }
        List<FieldError> problems = draft.problems(now);
        if (!problems.isEmpty()) {
            return invalid(problems);
        }
        Silence silence = draft.toSilence(UUID.randomUUID().toString(), now);
        Optional<Response> failed = store(silence);
        if (failed.isPresent()) {
            return failed.get();
        }
        LOG.infof("silence %s set by %s until %s: %s", silence.id(), silence.createdBy(), silence.endsAt(),
                silence.matchers());
        return Response.created(URI.create("/api/silences/" + silence.id()))
                .entity(SilenceView.of(silence, now)).build();
    }

    @GET
    @Operation(summary = "The silences, newest start last")
    @APIResponse(responseCode = "400", description = "an unknown state")
    public Response list(
            @QueryParam("state") @Parameter(description = "only silences in this state: pending, active, expired")
            String state,
            @QueryParam("account") @Parameter(description = "only silences that can mute an alert of this account: "
                    + "their matchers on 'account' (if any) match it")
            String account) {
        if (!book.caughtUp()) {
            return notReadYet();
        }
        Optional<SilenceState> wanted;
        try {
            wanted = Optional.ofNullable(state).filter(s -> !s.isBlank())
                    .map(s -> SilenceState.valueOf(s.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return invalid(List.of(new FieldError("state", "one of pending, active, expired, not '" + state + "'")));
        }
        Instant now = clock.instant();
        List<SilenceView> silences = book.all().stream()
                .filter(silence -> account == null || CompiledSilence.mayMatchAccount(silence, account))
                .map(silence -> SilenceView.of(silence, now))
                .filter(view -> wanted.map(w -> view.state() == w).orElse(true))
                .toList();
        return Response.ok(silences).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One silence")
    @APIResponse(responseCode = "404", description = "no such silence (or forgotten after its retention)")
    public Response find(@PathParam("id") String id) {
        if (!book.caughtUp()) {
            return notReadYet();
        }
        return book.find(id)
                .map(silence -> Response.ok(SilenceView.of(silence, clock.instant())).build())
                .orElseGet(() -> notFound(id));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Expire a silence now: it ends now (a pending one never starts); it stays listed as "
            + "expired until its retention ends")
    @APIResponse(responseCode = "204", description = "expired (or was already)")
    @APIResponse(responseCode = "404", description = "no such silence")
    public Response expire(@PathParam("id") String id) throws InterruptedException {
        if (!book.caughtUp()) {
            return notReadYet();
        }
        Optional<Silence> found = book.find(id);
        if (found.isEmpty()) {
            return notFound(id);
        }
        Instant now = clock.instant();
        Silence expired = SilenceState.expire(found.get(), now);
        if (expired != found.get()) {
            Optional<Response> failed = store(expired);
            if (failed.isPresent()) {
                return failed.get();
            }
            LOG.infof("silence %s expired", id);
        }
        return Response.noContent().build();
    }

    /** A body that is not JSON, or a field of the wrong type (an unknown operator, a time that is no instant). */
    @ServerExceptionMapper
    public Response unreadable(MismatchedInputException e) {
        return invalid(List.of(new FieldError(field(e), e.getOriginalMessage())));
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        String field = e instanceof JsonMappingException mapping ? field(mapping) : "body";
        return invalid(List.of(new FieldError(field, e.getOriginalMessage())));
    }

    /** Quarkus hands a body that is no JSON at all over as a 400 without a word: say so. */
    @ServerExceptionMapper
    public Response unreadable(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return invalid(List.of(new FieldError("body", "not JSON: " + json.getOriginalMessage())));
        }
        return e.getResponse();
    }

    /** Writes the silence and waits until the book has it, so that the next request sees it; empty when done. */
    private Optional<Response> store(Silence silence) throws InterruptedException {
        try {
            if (!book.awaitApplied(writer.write(silence), config.writeTimeout())) {
                return Optional.of(unavailable("silence " + silence.id() + " was written but not read back within "
                        + config.writeTimeout().toSeconds() + " s: it takes effect when it is"));
            }
            return Optional.empty();
        } catch (SilenceStoreException e) {
            LOG.warnf("a silence could not be stored: %s", e.getMessage());
            return Optional.of(unavailable(e.getMessage()));
        }
    }

    private static String field(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining());
        return path.isEmpty() ? "body" : path.startsWith(".") ? path.substring(1) : path;
    }

    private static Response invalid(List<FieldError> problems) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError("the silence is not valid: " + problems.stream()
                        .map(FieldError::field).distinct().collect(Collectors.joining(", ")), problems))
                .build();
    }

    private static Response notFound(String id) {
        return Response.status(Response.Status.NOT_FOUND).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError("no silence " + id)).build();
    }

    private static Response notReadYet() {
        return unavailable("the silences are still being read from their topic");
    }

    private static Response unavailable(String reason) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE).type(MediaType.APPLICATION_JSON_TYPE)
                .header("Retry-After", RETRY_AFTER.toSeconds())
                .entity(new ApiError(reason)).build();
    }
}
