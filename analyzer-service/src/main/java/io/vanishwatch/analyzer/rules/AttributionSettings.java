package io.vanishwatch.analyzer.rules;

import java.time.Duration;

/**
 * How disappearances are joined to the mail server's own records of who removed them, and how the devices the
 * records show are remembered per account.
 *
 * @param window             how far apart, in event time, a server record and the removal the collector saw may be
 *                           and still be the same removal; also how long the server's removal records are kept
 * @param maxWait            how long a disappearance waits for a server record that comes after it — only on an
 *                           account whose server log was heard within {@code activeFor}; on stream time, and on the
 *                           wall clock once caught up
 * @param activeFor          an account whose server log said nothing for this long is not waited for
 * @param learningPeriod     the devices an account's server log shows in this long after it was first heard are its
 *                           known devices; only a client name or address first seen later is a NEW_DEVICE
 * @param forgetDevicesAfter a device not seen for this long is forgotten (and is new again if it comes back)
 */
public record AttributionSettings(Duration window, Duration maxWait, Duration activeFor, Duration learningPeriod,
                                  Duration forgetDevicesAfter) {

    /**
     * 2 minutes either side, a 3 second wait, for accounts heard from within the hour; devices learnt for a day,
     * forgotten after 30 days unseen.
     */
    public static AttributionSettings defaults() {
        return new AttributionSettings(Duration.ofMinutes(2), Duration.ofSeconds(3), Duration.ofHours(1),
                Duration.ofDays(1), Duration.ofDays(30));
    }
}
