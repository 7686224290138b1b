package io.vanishwatch.analyzer.dashboard;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;

/**
 * Serves the dashboard at {@code /dashboard}: a static page ({@code META-INF/resources/dashboard/}) that reads the
 * analyzer's {@code /api} with {@code fetch}, so it shows exactly what the API answers and needs no build toolchain.
 *
 * <p>Token handling: the page shell is public and holds no data. It asks for the API token in a form, keeps it in
 * the tab's {@code sessionStorage} and sends {@code Authorization: Bearer} on every request; every answer with data
 * comes from {@code /api}, which {@link io.vanishwatch.analyzer.api.ApiTokenFilter} refuses (401) without the token.
 * Chosen over a session cookie because a cookie would be sent by the browser on its own: the API would then need
 * CSRF protection and a second way in, where a bearer header can only be sent by script of the page's own origin
 * (the page's Content-Security-Policy allows no other). The token never goes into a URL and is never logged.
 */
@ApplicationScoped
public class DashboardRoute {

    /** {@code /dashboard} without the slash would resolve the page's relative links against the root. */
    void redirectToTheDirectory(@Observes Router router) {
        router.getWithRegex("/dashboard").handler(context -> context.redirect("dashboard/"));
    }
}
