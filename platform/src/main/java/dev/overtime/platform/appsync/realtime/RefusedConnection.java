package dev.overtime.platform.appsync.realtime;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * A socket opened only to be closed with a reason a client can read: graphql-ws servers answer a client that
 * offers no subprotocol they speak this way (close 4406) rather than failing the HTTP handshake.
 */
// Public only because Jetty binds a listener's methods through method handles, which need a public class.
public final class RefusedConnection extends Session.Listener.AbstractAutoDemanding {

    private final int code;
    private final String reason;

    RefusedConnection(int code, String reason) {
        this.code = code;
        this.reason = reason;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        super.onWebSocketOpen(session);
        session.close(code, reason, Callback.NOOP);
    }
}
