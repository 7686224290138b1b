package io.vanishwatch.notifier.api;

/** What is wrong with one field of a request, named as the request spells it (e.g. {@code matchers[1].value}). */
public record FieldError(String field, String message) {
}
