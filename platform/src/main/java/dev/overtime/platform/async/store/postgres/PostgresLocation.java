package dev.overtime.platform.async.store.postgres;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * A PostgreSQL database as {@code serve --store} names it: {@code postgresql://USER:PASSWORD@HOST:PORT/DB},
 * optionally with driver parameters ({@code ?sslmode=require}). The password is kept out of every message.
 */
public record PostgresLocation(String host, int port, String database, String user, String password,
                               String parameters) {

    private static final int DEFAULT_PORT = 5432;

    /** Reads a {@code postgresql://} (or {@code postgres://}) URL; throws with what is wrong, never echoing the password. */
    public static PostgresLocation parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the store is not a URL; write postgresql://USER:PASSWORD@HOST:PORT/DB");
        }
        if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
            throw new IllegalArgumentException("the store must be a postgresql:// URL "
                    + "(postgresql://USER:PASSWORD@HOST:PORT/DB), got scheme '" + uri.getScheme() + "'");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("the store URL names no host; write postgresql://USER:PASSWORD@HOST:PORT/DB");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String database = decode(path.startsWith("/") ? path.substring(1) : path);
        if (database.isEmpty() || database.contains("/")) {
            throw new IllegalArgumentException("the store URL must name one database after the host, as in "
                    + "postgresql://USER:PASSWORD@HOST:PORT/DB");
        }
        String user = null;
        String password = null;
        String info = uri.getRawUserInfo();
        if (info != null) {
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? null : decode(info.substring(colon + 1));
        }
        if (user == null || user.isEmpty()) {
            throw new IllegalArgumentException("the store URL names no user; write postgresql://USER:PASSWORD@HOST:PORT/DB");
        }
        return new PostgresLocation(uri.getHost(), uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(), database, user,
                password, uri.getRawQuery());
    }

    private static String decode(String part) {
        return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    String jdbcUrl() {
        String host = this.host.contains(":") && !this.host.startsWith("[") ? "[" + this.host + "]" : this.host;
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + (parameters == null ? "" : "?" + parameters);
    }

    /**
     * Driver settings: a dead server is noticed within seconds rather than by TCP's minutes, and batched
     * inserts travel as one multi-row statement.
     */
    Properties properties(String applicationName) {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null) {
            p.setProperty("password", password);
        }
        p.setProperty("ApplicationName", applicationName);
        p.setProperty("connectTimeout", "5");
        p.setProperty("loginTimeout", "10");
        p.setProperty("socketTimeout", "20");
        p.setProperty("tcpKeepAlive", "true");
        p.setProperty("reWriteBatchedInserts", "true");
        return p;
    }

    /** The URL without its password, for the console and errors. */
    public String redacted() {
        return "postgresql://" + user + (password == null ? "" : ":***") + "@" + host + ":" + port + "/" + database;
    }

    @Override
    public String toString() {
        return redacted();
    }
}
