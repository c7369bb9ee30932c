package dev.overtime.platform.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The name of one platform run among the nodes that share a store: host, process id and a random
 * suffix, so a restarted node (or a second one on the same host) is never taken for an earlier one
 * whose lease is still running out.
 */
public final class NodeId {

    private NodeId() {
    }

    public static String generate() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "node";
        }
        byte[] random = new byte[3];
        ThreadLocalRandom.current().nextBytes(random);
        return host + "-" + ProcessHandle.current().pid() + "-" + HexFormat.of().formatHex(random);
    }
}
