package dev.overtime.platform.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server of the OS's {@code postgresql} package ({@code /usr/lib/postgresql/N/bin}),
 * in a temporary data folder on a free port, for one test class. PostgreSQL refuses to run as root,
 * so as root it runs as the {@code postgres} user. Without the package the tests are skipped, unless
 * {@code OVERTIME_REQUIRE_POSTGRES=1} (CI), where they fail.
 */
public final class PostgresServer implements AutoCloseable {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean asPostgresUser;

    private PostgresServer(Path bin, Path dir, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /** Creates a cluster and starts it; skips (or fails, in CI) the calling test when PostgreSQL is not installed. */
    public static PostgresServer start() throws IOException, InterruptedException {
        Path bin = binaries();
        boolean required = "1".equals(System.getenv("OVERTIME_REQUIRE_POSTGRES"));
        if (bin == null) {
            String why = "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb); apt-get install postgresql";
            if (required) {
                throw new AssertionError(why);
            }
            Assumptions.abort(why);
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("overtime-pg-");
        PostgresServer server = new PostgresServer(bin, dir, freePort(), root);
        try {
            if (root) {
                run(List.of("chown", "postgres:postgres", dir.toString()));
            }
            server.runAsOwner("initdb", "-D", server.data().toString(), "-A", "trust", "-U", "postgres", "-E", "UTF8",
                    "--no-sync", "--no-instructions");
            Files.writeString(server.data().resolve("postgresql.conf"), """
                    listen_addresses = '127.0.0.1'
                    port = %d
                    unix_socket_directories = '%s'
                    max_connections = 200
                    shared_buffers = 64MB
                    """.formatted(server.port, dir), java.nio.file.StandardOpenOption.APPEND);
            server.startAgain();
        } catch (IOException | RuntimeException | AssertionError e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The newest installed PostgreSQL's bin folder, or null. */
    private static Path binaries() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparingInt(b -> version(b.getParent().getFileName().toString())))
                    .orElse(null);
        }
    }

    private static int version(String name) {
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private Path data() {
        return dir.resolve("data");
    }

    public int port() {
        return port;
    }

    /** A new empty database, as {@code serve --store} takes it. */
    public String newDatabase() throws SQLException {
        String name = "overtime_" + DATABASES.incrementAndGet();
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return url(name);
    }

    /** The {@code postgresql://} URL of {@code database}; the server trusts local connections, so any password does. */
    public String url(String database) {
        return "postgresql://postgres:secret@127.0.0.1:" + port + "/" + database;
    }

    /** A JDBC connection to the database of a {@link #url} or {@link #newDatabase}, for checks. */
    public Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(url.substring(url.lastIndexOf('/') + 1)), "postgres", "");
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Stops the server at once, as a crash or an outage would: clients lose their connections. */
    public void stop() throws IOException, InterruptedException {
        runAsOwner("pg_ctl", "-D", data().toString(), "-m", "immediate", "-w", "stop");
    }

    /** Starts the server (again) and waits until it accepts connections. */
    public void startAgain() throws IOException, InterruptedException {
        runAsOwner("pg_ctl", "-D", data().toString(), "-l", dir.resolve("server.log").toString(), "-w", "-t", "60",
                "start");
    }

    private void runAsOwner(String program, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (asPostgresUser) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(args));
        run(command);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed: " + new String(out));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            if (Files.exists(data().resolve("postmaster.pid"))) {
                stop();
            }
        } finally {
            run(List.of("rm", "-rf", dir.toString()));
        }
    }
}
