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
            while (i < length && Character.isDigit(text.charAt(i)) && text.charAt(i) < 128) {
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

    static boolean isIpv6(String text) {
        if (text.isEmpty() || text.indexOf(':') < 0) {
            return false;
        }
        String address = text;
        int zone = address.indexOf('%');
        if (zone >= 0) {
            address = address.substring(0, zone);
        }
        int doubleColon = address.indexOf("::");
        if (doubleColon >= 0 && address.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        String[] groups = address.split(":", -1);
        int groupCount = 0;
        for (int g = 0; g < groups.length; g++) {
            String group = groups[g];
            if (group.isEmpty()) {
                continue; // part of "::" (or a leading/trailing one, checked below)
            }
            if (g == groups.length - 1 && group.indexOf('.') >= 0) {
                if (!isIpv4(group)) {
                    return false;
                }
                groupCount += 2;
                continue;
            }
            if (group.length() > 4) {
                return false;
            }
            for (int i = 0; i < group.length(); i++) {
                if (Character.digit(group.charAt(i), 16) < 0) {
                    return false;
                }
            }
            groupCount++;
        }
        if (address.startsWith(":") && !address.startsWith("::")) {
            return false;
        }
        if (address.endsWith(":") && !address.endsWith("::")) {
            return false;
        }
        return doubleColon >= 0 ? groupCount < 8 : groupCount == 8;
    }
}
