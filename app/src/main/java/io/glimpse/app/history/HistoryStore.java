package io.glimpse.app.history;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The run history: one SQLite file (WAL mode, so a reader never waits for a writer and a process
 * killed mid-write leaves every committed record readable; a busy timeout, so two windows on one
 * file take turns instead of failing). The schema is versioned by SQLite's own {@code user_version}
 * and brought up to date by the ordered SQL files in {@link #MIGRATIONS}: one embedded file needs no
 * migration framework (Flyway would add its own table and several MB for a list of two scripts).
 * A file that is not a database, is corrupt or stays locked is set aside and a fresh one made;
 * {@link #notices()} says so. Thread-safe: one connection, every method synchronized.
 */
public final class HistoryStore implements AutoCloseable {
    /** The migrations, in order; the n-th brings the schema to user_version n. Never edit one that shipped. */
    static final List<String> MIGRATIONS = List.of("V1__runs.sql");
    private static final int BUSY_TIMEOUT_MS = 5000;
    private static final DateTimeFormatter ASIDE = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final Path file;
    private final Connection db;
    private final List<String> notices = new ArrayList<>();

    private HistoryStore(Path file, Connection db, List<String> notices) {
        this.file = file;
        this.db = db;
        this.notices.addAll(notices);
    }

    /**
     * The history this process records into: the {@code glimpse.history} system property when set (the
     * build points the tests at a file under {@code target/}), else {@link #defaultFile()}.
     */
    public static Path configuredFile() {
        String p = System.getProperty("glimpse.history");
        return p != null && !p.isBlank() ? Path.of(p) : defaultFile();
    }

    /** {@code $XDG_DATA_HOME/glimpse/history.db}, else {@code ~/.local/share/glimpse/history.db}. */
    public static Path defaultFile() {
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("glimpse").resolve("history.db");
    }

    /**
     * Opens (or creates) the history in {@code file}, setting aside a file that cannot be used.
     *
     * @throws HistoryException when even a fresh file cannot be made (no permission, disk full), or the
     *                          file was written by a newer Glimpse (it is left alone: it holds records)
     */
    public static HistoryStore open(Path file) {
        List<String> notices = new ArrayList<>();
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new HistoryException("cannot create the folder of the run history " + file + ": " + e.getMessage(), e);
        }
        try {
            return new HistoryStore(file, connect(file), notices);
        } catch (SQLException e) {
            if (!unusable(e)) {
                throw new HistoryException("cannot open the run history " + file + ": " + e.getMessage(), e);
            }
            Path aside = setAside(file);
            notices.add(file + " could not be used (" + reason(e) + "); it was kept aside as " + aside.getFileName()
                    + " and a new history was started");
            try {
                return new HistoryStore(file, connect(file), notices);
            } catch (SQLException again) {
                throw new HistoryException("cannot create the run history " + file + ": " + again.getMessage(), again);
            }
        }
    }

    private static Connection connect(Path file) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MS);
                refuseNewer(c); // before WAL mode, which would rewrite the header of a file this version must not touch
                s.execute("PRAGMA journal_mode = WAL");
                // NORMAL under WAL: a killed process loses nothing committed; only a power cut may lose the last commits
                s.execute("PRAGMA synchronous = NORMAL");
                try (ResultSet r = s.executeQuery("PRAGMA quick_check")) {
                    String verdict = r.next() ? r.getString(1) : "no answer";
                    if (!"ok".equals(verdict)) {
                        throw new SQLiteException("integrity check: " + verdict, SQLiteErrorCode.SQLITE_CORRUPT);
                    }
                }
            }
            migrate(c);
            return c;
        } catch (SQLException | RuntimeException e) {
            c.close();
            if (e instanceof HistoryException h) {
                throw new HistoryException(h.getMessage() + ": " + file, h.getCause());
            }
            throw e;
        }
    }

    private static int version(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA user_version")) {
            return r.next() ? r.getInt(1) : 0;
        }
    }

    private static void refuseNewer(Connection c) throws SQLException {
        int version = version(c);
        if (version > MIGRATIONS.size()) {
            throw new HistoryException("the run history was written by a newer Glimpse (schema " + version + "; this one knows up to "
                    + MIGRATIONS.size() + "); it is left as it is", null);
        }
    }

    private static void migrate(Connection c) throws SQLException {
        int version = version(c);
        for (int v = version; v < MIGRATIONS.size(); v++) {
            String sql = resource(MIGRATIONS.get(v));
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String statement : sql.replaceAll("(?m)^--.*$", "").split(";")) {
                    if (!statement.isBlank()) {
                        s.execute(statement);
                    }
                }
                s.execute("PRAGMA user_version = " + (v + 1));
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private static String resource(String name) {
        try (InputStream in = HistoryStore.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("migration " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migration " + name, e);
        }
    }

    /** Not a database, corrupt, or locked past the busy timeout: set aside and start again. */
    private static boolean unusable(SQLException e) {
        if (e instanceof SQLiteException s) {
            int code = s.getResultCode().code & 0xff; // the primary code: SQLITE_CORRUPT_INDEX is a SQLITE_CORRUPT
            return code == SQLiteErrorCode.SQLITE_NOTADB.code || code == SQLiteErrorCode.SQLITE_CORRUPT.code
                    || code == SQLiteErrorCode.SQLITE_BUSY.code || code == SQLiteErrorCode.SQLITE_LOCKED.code;
        }
        return false;
    }

    private static String reason(SQLException e) {
        if (e instanceof SQLiteException s) {
            int code = s.getResultCode().code & 0xff;
            if (code == SQLiteErrorCode.SQLITE_NOTADB.code) {
                return "it is not a database";
            }
            if (code == SQLiteErrorCode.SQLITE_CORRUPT.code) {
                return "it is corrupt";
            }
            return "it stayed locked for " + BUSY_TIMEOUT_MS / 1000 + " s";
        }
        return e.getMessage();
    }

    /** Renames the file (and its -wal / -shm companions) to {@code history.db.bad-<time>}. */
    private static Path setAside(Path file) {
        String stamp = LocalDateTime.now().format(ASIDE);
        Path aside = file.resolveSibling(file.getFileName() + ".bad-" + stamp);
        for (int n = 2; Files.exists(aside); n++) {
            aside = file.resolveSibling(file.getFileName() + ".bad-" + stamp + "-" + n);
        }
        try {
            Files.move(file, aside);
            for (String companion : new String[] {"-wal", "-shm"}) {
                Path c = file.resolveSibling(file.getFileName() + companion);
                if (Files.exists(c)) {
                    Files.move(c, aside.resolveSibling(aside.getFileName() + companion));
                }
            }
        } catch (IOException e) {
            throw new HistoryException("the run history " + file + " cannot be used and cannot be moved aside: " + e.getMessage(), e);
        }
        return aside;
    }

    /** What happened while opening (a file set aside), for the user. */
    public synchronized List<String> notices() {
        return List.copyOf(notices);
    }

    public Path file() {
        return file;
    }

    /** Stores {@code r} and returns its id. */
    public synchronized long add(RunRecord r) {
        String sql = "INSERT INTO runs (created_ms, source, group_id, model_folder, model_hash, question, answer, media_names, finish_reason,"
                + " prompt_tokens, visual_tokens, generated_tokens, ttft_ms, tokens_per_second, total_ms, error, record_json)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement p = db.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            RunRecord.Outcome o = r.outcome();
            p.setLong(1, r.createdMillis());
            p.setString(2, r.source());
            p.setString(3, r.groupId());
            p.setString(4, r.model() == null ? null : r.model().folder());
            p.setString(5, r.model() == null ? null : r.model().filesHash());
            p.setString(6, r.question());
            p.setString(7, r.answer());
            p.setString(8, r.mediaNames());
            p.setString(9, o == null ? null : o.finishReason());
            setInt(p, 10, o == null ? null : o.promptTokens());
            setInt(p, 11, o == null ? null : o.visualTokens());
            setInt(p, 12, o == null ? null : o.generatedTokens());
            setDouble(p, 13, o == null ? null : o.ttftMs());
            setDouble(p, 14, o == null ? null : o.tokensPerSecond());
            setDouble(p, 15, o == null ? null : o.totalMs());
            p.setString(16, o == null ? null : o.error());
            p.setString(17, JSON.writeValueAsString(r));
            p.executeUpdate();
            try (ResultSet keys = p.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (SQLException | IOException e) {
            throw new HistoryException("cannot record the run in " + file + ": " + e.getMessage(), e);
        }
    }

    private static void setInt(PreparedStatement p, int i, Integer v) throws SQLException {
        if (v == null) {
            p.setNull(i, Types.INTEGER);
        } else {
            p.setInt(i, v);
        }
    }

    private static void setDouble(PreparedStatement p, int i, Double v) throws SQLException {
        if (v == null) {
            p.setNull(i, Types.REAL);
        } else {
            p.setDouble(i, v);
        }
    }

    /** The whole record {@code id}, or empty when there is none. */
    public synchronized Optional<RunRecord> get(long id) {
        try (PreparedStatement p = db.prepareStatement("SELECT record_json FROM runs WHERE id = ?")) {
            p.setLong(1, id);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(JSON.readValue(r.getString(1), RunRecord.class)) : Optional.empty();
            }
        } catch (SQLException | IOException e) {
            throw new HistoryException("cannot read run " + id + " from " + file + ": " + e.getMessage(), e);
        }
    }

    /** Deletes record {@code id}; false when there was none. */
    public synchronized boolean delete(long id) {
        try (PreparedStatement p = db.prepareStatement("DELETE FROM runs WHERE id = ?")) {
            p.setLong(1, id);
            return p.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new HistoryException("cannot delete run " + id + " from " + file + ": " + e.getMessage(), e);
        }
    }

    /** Records matching {@code q}, newest first. */
    public synchronized List<RunSummary> search(HistoryQuery q) {
        StringBuilder sql = new StringBuilder("SELECT id, created_ms, source, group_id, model_folder, substr(question, 1, 300),"
                + " substr(answer, 1, 300), media_names, finish_reason, prompt_tokens, visual_tokens, generated_tokens, ttft_ms,"
                + " tokens_per_second, total_ms, error FROM runs WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (q.text() != null && !q.text().isBlank()) {
            sql.append(" AND (question LIKE ?1 ESCAPE '\\' OR answer LIKE ?1 ESCAPE '\\' OR model_folder LIKE ?1 ESCAPE '\\'"
                    + " OR media_names LIKE ?1 ESCAPE '\\')");
            args.add(like(q.text().trim()));
        }
        if (q.modelFolder() != null) {
            sql.append(" AND model_folder = ?").append(args.size() + 1);
            args.add(q.modelFolder());
        }
        if (q.mediaName() != null && !q.mediaName().isBlank()) {
            sql.append(" AND media_names LIKE ?").append(args.size() + 1).append(" ESCAPE '\\'");
            args.add(like(q.mediaName().trim()));
        }
        if (q.groupId() != null) {
            sql.append(" AND group_id = ?").append(args.size() + 1);
            args.add(q.groupId());
        }
        sql.append(" ORDER BY created_ms DESC, id DESC LIMIT ").append(Math.max(1, q.limit()));
        try (PreparedStatement p = db.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                p.setObject(i + 1, args.get(i));
            }
            List<RunSummary> out = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new RunSummary(r.getLong(1), r.getLong(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6),
                            r.getString(7), r.getString(8), r.getString(9), (Integer) r.getObject(10), (Integer) r.getObject(11),
                            (Integer) r.getObject(12), number(r.getObject(13)), number(r.getObject(14)), number(r.getObject(15)),
                            r.getString(16)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new HistoryException("cannot search the run history " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The SHA-256 of {@code file} (hex), from the cache when its size and modification time are those
     * it was hashed at, else read once and cached.
     *
     * @throws IOException when the file cannot be read
     */
    public String sha256(Path file) throws IOException {
        Path abs = file.toAbsolutePath().normalize();
        long size = Files.size(abs);
        long mtime = Files.getLastModifiedTime(abs).toMillis();
        synchronized (this) {
            try (PreparedStatement p = db.prepareStatement("SELECT sha256 FROM media_hashes WHERE path = ? AND size = ? AND mtime_ms = ?")) {
                p.setString(1, abs.toString());
                p.setLong(2, size);
                p.setLong(3, mtime);
                try (ResultSet r = p.executeQuery()) {
                    if (r.next()) {
                        return r.getString(1);
                    }
                }
            } catch (SQLException e) {
                throw new HistoryException("cannot read the media hashes in " + this.file + ": " + e.getMessage(), e);
            }
        }
        String hex = hash(abs); // outside the lock: reading a big video takes a while
        synchronized (this) {
            try (PreparedStatement p = db.prepareStatement("INSERT OR REPLACE INTO media_hashes (path, size, mtime_ms, sha256) VALUES (?, ?, ?, ?)")) {
                p.setString(1, abs.toString());
                p.setLong(2, size);
                p.setLong(3, mtime);
                p.setString(4, hex);
                p.executeUpdate();
            } catch (SQLException e) {
                throw new HistoryException("cannot store a media hash in " + this.file + ": " + e.getMessage(), e);
            }
        }
        return hex;
    }

    private static String hash(Path file) throws IOException {
        java.security.MessageDigest md;
        try {
            md = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return java.util.HexFormat.of().formatHex(md.digest());
    }

    /** The model folders in the history, for the pane's filter. */
    public synchronized List<String> models() {
        try (Statement s = db.createStatement();
             ResultSet r = s.executeQuery("SELECT DISTINCT model_folder FROM runs WHERE model_folder IS NOT NULL ORDER BY model_folder")) {
            List<String> out = new ArrayList<>();
            while (r.next()) {
                out.add(r.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new HistoryException("cannot read the run history " + file + ": " + e.getMessage(), e);
        }
    }

    /** How many records there are. */
    public synchronized int count() {
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM runs")) {
            return r.next() ? r.getInt(1) : 0;
        } catch (SQLException e) {
            throw new HistoryException("cannot read the run history " + file + ": " + e.getMessage(), e);
        }
    }

    private static Double number(Object o) {
        return o == null ? null : ((Number) o).doubleValue();
    }

    /** {@code %text%} with LIKE's own characters escaped. */
    private static String like(String text) {
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            // closing a read connection cannot lose a record: every write was committed when add returned
        }
    }
}
