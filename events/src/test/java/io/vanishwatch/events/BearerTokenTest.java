package io.vanishwatch.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class BearerTokenTest {

    private static final String KEY = "vanishwatch.analyzer.api.token";

    @Test
    void withNoTokenConfiguredNothingIsAdmitted() {
        BearerToken none = BearerToken.of(KEY, Optional.empty());
        assertThat(none.configured()).isFalse();
        assertThat(none.admits("Bearer ")).isFalse();
        assertThat(none.admits("Bearer anything")).isFalse();
        assertThat(none.authorization()).isEmpty();
        assertThat(BearerToken.of(KEY, Optional.of("   ")).configured()).as("a blank token is no token").isFalse();
    }

    @Test
    void onlyTheConfiguredBearerTokenIsAdmittedAndItIsNeverShown() {
        BearerToken token = BearerToken.of(KEY, Optional.of("s3cret-token"));
        assertThat(token.admits("Bearer s3cret-token")).isTrue();
        assertThat(token.admits("bearer s3cret-token")).as("the scheme is case-insensitive").isTrue();
        assertThat(token.admits("Bearer s3cret-tokenX")).isFalse();
        assertThat(token.admits("Bearer s3cret")).isFalse();
        assertThat(token.admits("Basic s3cret-token")).isFalse();
        assertThat(token.admits("s3cret-token")).isFalse();
        assertThat(token.admits(null)).isFalse();
        assertThat(token.authorization()).contains("Bearer s3cret-token");
        assertThat(token.toString()).doesNotContain("s3cret");
    }
}
