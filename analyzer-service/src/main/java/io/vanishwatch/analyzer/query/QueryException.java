package io.vanishwatch.analyzer.query;

import java.time.Duration;

/** Why a question could not be answered now, with the HTTP status that says so. */
public final class QueryException extends RuntimeException {

    /** How long a caller should wait before asking again a question the analyzer could not answer yet. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    public enum Reason {
        /** The question itself is wrong (a time that is not an ISO instant, a range that ends before it starts). */
        BAD_REQUEST(400),
        /** The stores are being (re)assigned or restored, or the instance holding them is not reachable: ask again. */
        NOT_QUERYABLE_YET(503),
        /** The instance holding the answer refused it for a reason asking again will not fix (e.g. another token). */
        PEER_FAILED(502);

        private final int status;

        Reason(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Reason reason;

    public QueryException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public QueryException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    public static QueryException notQueryableYet(String message, Throwable cause) {
        return new QueryException(Reason.NOT_QUERYABLE_YET, message, cause);
    }
}
