package dev.overtime.platform.security.iam;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** {@code IpAddress}'s test: whether an address lies in a CIDR block (or equals a single address). */
final class IpRange {

    private IpRange() {
    }

    static boolean contains(String address, String cidr) {
        try {
            int slash = cidr.indexOf('/');
            byte[] network = literal(slash < 0 ? cidr.trim() : cidr.substring(0, slash).trim());
            byte[] candidate = literal(address.trim());
            if (network == null || candidate == null || network.length != candidate.length) {
                return false;
            }
            int bits = slash < 0 ? network.length * 8 : Integer.parseInt(cidr.substring(slash + 1).trim());
            if (bits < 0 || bits > network.length * 8) {
                return false;
            }
            int shift = network.length * 8 - bits;
            return new BigInteger(1, network).shiftRight(shift).equals(new BigInteger(1, candidate).shiftRight(shift));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The bytes of an IP literal; never a DNS lookup, so a name is simply not an address. */
    private static byte[] literal(String text) {
        if (text.isEmpty() || !(Character.digit(text.charAt(0), 16) >= 0 || text.charAt(0) == ':' || text.charAt(0) == '[')) {
            return null;
        }
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        for (int i = 0; i < bare.length(); i++) {
            char c = bare.charAt(i);
            if (!(Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
                return null;
            }
        }
        try {
            return InetAddress.getByName(bare).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
