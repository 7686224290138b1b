package io.vanishwatch.notifier.delivery.mattermost;

import java.util.Optional;

import io.vanishwatch.notifier.delivery.http.HttpTarget;

/**
 * Where the Mattermost channel posts.
 *
 * @param username the name the post shows when the hook allows overriding it; the hook's own name when empty
 */
public record MattermostSettings(HttpTarget target, Optional<String> username) {
}
