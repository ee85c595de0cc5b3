package io.github.jamestlsrpt.core.read;

/**
 * Syntax checks for the IP address members (RFC 8460 section 4.4: IPv4 dot-decimal, IPv6 per RFC 5952), without
 * DNS lookups: {@link java.net.InetAddress#getByName} would resolve a host name given in their place.
 */
final class IpAddresses {

    private IpAddresses() {}

    static boolean isValid(String text) {
        return isIpv4(text) || isIpv6(text);
    }

    static boolean isIpv4(String text) {
        int parts = 0;
        int i = 0;
        int length = text.length();
        while (i <= length) {
            int start = i;
            int value = 0;
            while (i < length && isAsciiDigit(text.charAt(i))) {
                value = value * 10 + (text.charAt(i) - '0');
                i++;
                if (i - start > 3) {
                    return false;
                }
            }
            int digits = i - start;
            if (digits == 0 || value > 255 || (digits > 1 && text.charAt(start) == '0')) {
                return false;
            }
            parts++;
            if (i == length) {
                break;
            }
            if (text.charAt(i) != '.') {
                return false;
            }
            i++;
        }
        return parts == 4;
    }

    /** RFC 4291 section 2.2 text forms: eight groups, one "::", an IPv4 tail, and an RFC 4007 zone. */
    static boolean isIpv6(String text) {
        int end = text.indexOf('%');
        if (end < 0) {
            end = text.length();
        }
        if (end < 2 || text.indexOf(':') < 0) {
            return false;
        }
        int groups = 0;
        boolean doubleColon = false;
        int i = 0;
        if (text.charAt(0) == ':') {
            if (text.charAt(1) != ':') {
                return false;
            }
            doubleColon = true;
            i = 2;
        }
        while (i < end) {
            int start = i;
            while (i < end && isAsciiHexDigit(text.charAt(i))) {
                i++;
            }
            if (i < end && text.charAt(i) == '.') {
                // an IPv4 tail takes the place of the last two groups
                return isIpv4(text.substring(start, end)) && (doubleColon ? groups + 2 < 8 : groups + 2 == 8);
            }
            int digits = i - start;
            if (digits == 0 || digits > 4) {
                return false;
            }
            groups++;
            if (i == end) {
                break;
            }
            if (text.charAt(i) != ':') {
                return false;
            }
            i++;
            if (i < end && text.charAt(i) == ':') {
                if (doubleColon) {
                    return false;
                }
                doubleColon = true;
                i++;
            } else if (i == end) {
                return false; // a single trailing colon
            }
        }
        return doubleColon ? groups < 8 : groups == 8;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAsciiHexDigit(char c) {
        return isAsciiDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
