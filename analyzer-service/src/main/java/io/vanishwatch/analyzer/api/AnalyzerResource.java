package io.vanishwatch.analyzer.api;

import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.vanishwatch.analyzer.query.AccountTimeline;
import io.vanishwatch.analyzer.query.AnalyzerQueries;
import io.vanishwatch.analyzer.query.Peers;
import io.vanishwatch.analyzer.query.TimeRange;
import io.vanishwatch.analyzer.query.TimelineItem;
import io.vanishwatch.analyzer.views.AccountState;
import io.vanishwatch.events.Alert;

/** "What happened to the mail of this account?" over HTTP, answered the same by every analyzer instance. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "accounts and alerts")
@SecurityScheme(securitySchemeName = "token", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "the value of vanishwatch.analyzer.api.token")
@SecurityRequirement(name = "token")
@APIResponse(responseCode = "401", description = "no or a wrong bearer token (or no token configured)")
@APIResponse(responseCode = "503",
        description = "the analyzer's state is being assigned or restored: retry after the Retry-After seconds")
public class AnalyzerResource {

    private static final String FROM = "start of the range, an ISO-8601 instant (default: 24 hours before 'to')";
    private static final String TO = "end of the range, an ISO-8601 instant (default: now)";

    @Inject
    AnalyzerQueries queries;

    @GET
    @Path("accounts")
    @Operation(summary = "The watched accounts and the state of their watch")
    public List<AccountState> accounts(
            @HeaderParam(Peers.FORWARDED_HEADER) @Parameter(hidden = true) String forwarded) {
        return queries.accounts(forwarded(forwarded));
    }

    @GET
    @Path("accounts/{account}/timeline")
    @Operation(summary = "What happened on one account: arrivals, removals with where the mail went, moves, reads, "
            + "watch states, and the alerts raised, in time order")
    @APIResponse(responseCode = "400", description = "a time that is not an ISO-8601 instant, or 'to' before 'from'")
    public AccountTimeline timeline(@PathParam("account") String account,
                                    @QueryParam("from") @Parameter(description = FROM) String from,
                                    @QueryParam("to") @Parameter(description = TO) String to) {
        return queries.timeline(account, TimeRange.parse(from, to, queries.clock()));
    }

    @GET
    @Path("accounts/{account}/events")
    @Operation(summary = "What the collector saw on one account, in time order (the timeline without alerts)")
    @APIResponse(responseCode = "400", description = "a time that is not an ISO-8601 instant, or 'to' before 'from'")
    public List<TimelineItem> events(@PathParam("account") String account,
                                     @QueryParam("from") @Parameter(description = FROM) String from,
                                     @QueryParam("to") @Parameter(description = TO) String to,
                                     @HeaderParam(Peers.FORWARDED_HEADER) @Parameter(hidden = true) String forwarded) {
        return queries.events(account, TimeRange.parse(from, to, queries.clock()), forwarded(forwarded));
    }

    @GET
    @Path("accounts/{account}/alerts")
    @Operation(summary = "The alerts raised, updated and resolved on one account, in time order, without evidence")
    @APIResponse(responseCode = "400", description = "a time that is not an ISO-8601 instant, or 'to' before 'from'")
    public List<TimelineItem> alertHistory(
            @PathParam("account") String account,
            @QueryParam("from") @Parameter(description = FROM) String from,
            @QueryParam("to") @Parameter(description = TO) String to,
            @HeaderParam(Peers.FORWARDED_HEADER) @Parameter(hidden = true) String forwarded) {
        return queries.alertHistory(account, TimeRange.parse(from, to, queries.clock()), forwarded(forwarded));
    }

    @GET
    @Path("alerts")
    @Operation(summary = "The alerts not resolved yet, with their evidence, by account and pattern")
    public List<Alert> openAlerts(@QueryParam("account") @Parameter(description = "only this account's") String account,
                                  @HeaderParam(Peers.FORWARDED_HEADER) @Parameter(hidden = true) String forwarded) {
        return queries.openAlerts(Optional.ofNullable(account).filter(a -> !a.isBlank()), forwarded(forwarded));
    }

    private static boolean forwarded(String header) {
        return "true".equalsIgnoreCase(header);
    }
}
