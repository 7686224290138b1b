package io.vanishwatch.notifier.api;

import java.util.List;

/** The body of every refusal and failure of the REST API; {@code fields} names what is wrong in a request. */
public record ApiError(String error, List<FieldError> fields) {

    public ApiError(String error) {
        this(error, null);
    }
}
