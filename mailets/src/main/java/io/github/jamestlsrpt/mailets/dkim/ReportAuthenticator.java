package io.github.jamestlsrpt.mailets.dkim;

import io.github.jamestlsrpt.mail.DkimVerdict;
import java.util.Set;

/** Decides whether a report mail is authenticated as RFC 8460 section 3 asks: by a DKIM signature of the reporter. */
@FunctionalInterface
public interface ReportAuthenticator {

    /**
     * @param message the mail exactly as received (headers and body, CRLF line ends)
     * @param reporterDomains the domains a signature may speak for: the From domain, the TLS-Report-Submitter
     *     domain and the reports' contact-info domains (lower case)
     * @return the verdict; never null
     * @throws TemporaryDkimFailure when a key could not be looked up (DNS down): no verdict, retry later
     */
    DkimVerdict authenticate(byte[] message, Set<String> reporterDomains) throws TemporaryDkimFailure;
}
