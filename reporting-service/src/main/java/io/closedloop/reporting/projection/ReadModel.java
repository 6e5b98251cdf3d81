package io.closedloop.reporting.projection;

import io.closedloop.reporting.dashboard.DashboardViews;
import io.closedloop.platform.tx.JdbcTransactions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The read models live in a schema of their own ({@code rm_v1}, …), created from {@code readmodel/schema.sql} and
 * only ever filled by the projector. The live schema is named in {@code projection_state}; a rebuild fills a fresh
 * schema from the topics and may become the live one. Changing the read models' shape means a new schema, rebuilt:
 * raise {@link #SHAPE}, and a service that finds the live schema built with an older shape rebuilds it at start
 * ({@link ReadModelUpgrade}).
 */
@ApplicationScoped
public class ReadModel {

    private static final Pattern SCHEMA = Pattern.compile("rm_[a-z0-9_]{1,40}");

    /**
     * The shape of {@code readmodel/schema.sql}: 2 added trust levels, activities and complaint facts; 3 the deadline
     * an overdue lead missed (for the dashboards' "leads past a deadline").
     */
    public static final int SHAPE = 3;

    private final AgroalDataSource dataSource;
    private volatile String live;
    private volatile boolean outdated;

    ReadModel(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Before the consumers start (Flyway has run): the live schema exists. */
    void onStart(@Observes @Priority(1) StartupEvent event) {
        try (Connection c = dataSource.getConnection()) {
            String schema;
            int shape;
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT schema, shape FROM projection_state WHERE name = 'live'")) {
                rs.next();
                schema = rs.getString(1);
                shape = rs.getInt(2);
            }
            if (!exists(c, schema)) {
                create(c, schema);
                if (shape < SHAPE) {
                    markShape(c);
                    shape = SHAPE;
                }
            }
            live = schema;
            outdated = shape < SHAPE;
            if (!outdated) {
                // An outdated schema lacks columns the views read: they are pointed when its rebuild switches.
                DashboardViews.point(c, schema);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Read models unavailable: " + e.getMessage(), e);
        }
    }

    /** Whether the live schema was built with an older shape than this code's, and must be rebuilt before use. */
    public boolean outdated() {
        return outdated;
    }

    /** The schema queries read and the live consumers write. */
    public String live() {
        String schema = live;
        if (schema == null) {
            throw new IllegalStateException("Read models not initialised yet");
        }
        return schema;
    }

    public static String checked(String schema) {
        if (!SCHEMA.matcher(schema).matches()) {
            throw new IllegalArgumentException("Not a read-model schema name: " + schema);
        }
        return schema;
    }

    /** Creates a fresh schema with empty read models, dropping any previous one of that name. */
    public void recreate(Connection c, String schema) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + checked(schema) + " CASCADE");
        }
        create(c, schema);
    }

    void create(Connection c, String schema) throws SQLException {
        JdbcTransactions.inTransaction(c, () -> {
            try (Statement s = c.createStatement()) {
                for (String statement : ddl().replace("${schema}", checked(schema)).split(";\\s*\\n")) {
                    String sql = statement.lines().filter(l -> !l.strip().startsWith("--")).reduce("", (a, b) -> a + "\n" + b).strip();
                    if (!sql.isEmpty()) {
                        s.execute(sql);
                    }
                }
            }
        });
    }

    /** Makes {@code schema} the live one, for queries and consumers alike, and remembers it across restarts. */
    public void switchLive(Connection c, String schema) throws SQLException {
        JdbcTransactions.inTransaction(c, () -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE projection_state SET schema = ?, shape = ?, changed_at = now() WHERE name = 'live'")) {
                s.setString(1, checked(schema));
                s.setInt(2, SHAPE);
                s.executeUpdate();
            }
            // The dashboards' views switch with it, in one transaction.
            DashboardViews.point(c, schema);
        });
        live = schema;
        outdated = false;
    }

    private static void markShape(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE projection_state SET shape = ? WHERE name = 'live'")) {
            s.setInt(1, SHAPE);
            s.executeUpdate();
        }
    }

    static boolean exists(Connection c, String schema) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM information_schema.schemata WHERE schema_name = ?")) {
            s.setString(1, schema);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static String ddl() {
        try (InputStream in = ReadModel.class.getResourceAsStream("/readmodel/schema.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
