package io.vanishwatch.collector.imap;

import io.vanishwatch.collector.config.AccountSettings;

/** Opens logged-in IMAP sessions to an account; the seam between the watcher and a real IMAP client. */
@FunctionalInterface
public interface ImapConnector {

    ImapSession open(AccountSettings account) throws MailboxException;
}
