package io.vanishwatch.collector.imap;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;

import org.eclipse.angus.mail.iap.Argument;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;
import org.eclipse.angus.mail.util.MailLogger;

/**
 * Angus Mail's protocol engine with SASL OAUTHBEARER (RFC 7628) besides its own XOAUTH2: the standard form of the same
 * bearer-token login, which Gmail and Dovecot offer too.
 */
final class OAuthBearerProtocol extends IMAPProtocol {

    OAuthBearerProtocol(String name, String host, int port, Properties props, boolean isSSL, MailLogger logger)
            throws IOException, ProtocolException {
        super(name, host, port, props, isSSL, logger);
    }

    /**
     * {@code AUTHENTICATE OAUTHBEARER} with the token; a refusal ends with the server's NO, as a wrong password would.
     *
     * @throws org.eclipse.angus.mail.iap.CommandFailedException when the server refuses the token
     */
    synchronized void authOAuthBearer(String user, String host, int port, String token) throws ProtocolException {
        String initial = "n,a=" + user.replace("=", "=3D").replace(",", "=2C") + ","
                + "\u0001host=" + host + "\u0001port=" + port + "\u0001auth=Bearer " + token + "\u0001\u0001";
        String encoded = Base64.getEncoder().encodeToString(initial.getBytes(StandardCharsets.UTF_8));
        boolean initialResponse = hasCapability("SASL-IR");
        List<Response> untagged = new ArrayList<>();
        Response result = null;
        String tag = null;
        boolean tracing = isTracing();
        if (tracing) {
            suspendTracing();
        }
        try {
            Argument args = new Argument().writeAtom("OAUTHBEARER");
            if (initialResponse) {
                args.writeAtom(encoded);
            }
            tag = writeCommand("AUTHENTICATE", args);
        } catch (Exception e) {
            result = Response.byeResponse(e);
        }
        boolean sent = initialResponse;
        OutputStream out = getOutputStream();
        while (result == null) {
            try {
                Response response = readResponse();
                if (response.isContinuation()) {
                    // the first one asks for the token, unless it went with the command; a later one is the server's
                    // error report (RFC 7628 3.2.2), answered with ^A so that the exchange ends with the tagged NO
                    out.write(((sent ? "AQ==" : encoded) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    sent = true;
                } else if (response.isTagged() && response.getTag().equals(tag)) {
                    result = response;
                } else if (response.isBYE()) {
                    result = response;
                } else {
                    untagged.add(response);
                }
            } catch (Exception e) {
                result = Response.byeResponse(e);
            }
        }
        if (tracing) {
            resumeTracing();
        }
        notifyResponseHandlers(untagged.toArray(Response[]::new));
        handleLoginResult(result);
    }
}
