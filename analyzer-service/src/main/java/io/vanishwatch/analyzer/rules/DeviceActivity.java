package io.vanishwatch.analyzer.rules;

import io.vanishwatch.events.ServerLogEvent;

/**
 * A server-log record about who uses the account, as the pattern recogniser gets it: a failed login, or a record
 * from a client name or address the account had not shown before.
 *
 * @param newDevice whether the record's client name or address is new on the account (after its learning period)
 */
public record DeviceActivity(ServerLogEvent record, boolean newDevice) {
}
