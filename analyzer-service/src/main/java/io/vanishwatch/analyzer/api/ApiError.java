package io.vanishwatch.analyzer.api;

/** The body of every refusal and failure of the REST API. */
public record ApiError(String error) {
}
