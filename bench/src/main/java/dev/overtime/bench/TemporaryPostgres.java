package dev.overtime.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the OS's package, for one benchmark run: a fresh cluster in a temporary folder
 * on a free port, with the package's default durability ({@code fsync}, {@code synchronous_commit} on).
 * As root it runs as the {@code postgres} user, since PostgreSQL refuses root.
 */
final class TemporaryPostgres implements AutoCloseable {

    private final Path bin;
    private final Path dir;
    private final int port;
    private final List<String> asOwner;

    private TemporaryPostgres(Path bin, Path dir, int port, List<String> asOwner) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.asOwner = asOwner;
    }

    static TemporaryPostgres start() throws Exception {
        Path bin;
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            bin = versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.naturalOrder())
                    .orElseThrow(() -> new IllegalStateException("apt-get install postgresql: no initdb found"));
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("overtime-bench-pg-");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        TemporaryPostgres server = new TemporaryPostgres(bin, dir, port,
                root ? List.of("runuser", "-u", "postgres", "--") : List.of());
        if (root) {
            run(List.of("chown", "postgres:postgres", dir.toString()));
        }
        server.runAsOwner("initdb", "-D", dir.resolve("data").toString(), "-A", "trust", "-U", "postgres",
                "-E", "UTF8", "--no-instructions");
        server.runAsOwner("pg_ctl", "-D", dir.resolve("data").toString(), "-l", dir.resolve("log").toString(), "-w",
                "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1", "start");
        return server;
    }

    /** A new database's {@code postgresql://} URL. */
    String newDatabase(String name) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                "postgres", ""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return "postgresql://postgres:bench@127.0.0.1:" + port + "/" + name;
    }

    /** CPU time the server's processes (postmaster, backends, WAL writer...) have used so far. */
    long cpuNanos() throws IOException {
        String pid = Files.readAllLines(dir.resolve("data/postmaster.pid")).getFirst().trim();
        return CpuMeter.treeNanos(Long.parseLong(pid));
    }

    Connection connect(String database) throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, "postgres", "");
    }

    private void runAsOwner(String program, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(asOwner);
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(args));
        run(command);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
    }

    @Override
    public void close() throws Exception {
        runAsOwner("pg_ctl", "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "stop");
        WorkFolders.deleteQuietly(dir);
    }
}
