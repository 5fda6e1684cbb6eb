import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * Runs a Neo4j Community DBMS for bzpeer-graphql with Bolt on 127.0.0.1 only.
 *
 * <p>Arguments: --home DIR --port N --password-file FILE [--pagecache BYTES] [--tx-timeout SECONDS].
 * Prints "READY bolt://127.0.0.1:N" once Bolt accepts connections and shuts the DBMS down
 * cleanly on SIGTERM or SIGINT.
 */
public final class LocalNeo4j {
    private static final String HOST = "127.0.0.1";

    private LocalNeo4j() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        Path home = Path.of(require(options, "--home")).toAbsolutePath();
        int port = Integer.parseInt(require(options, "--port"));
        String password = Files.readString(Path.of(require(options, "--password-file")), StandardCharsets.UTF_8).strip();
        long pagecache = Long.parseLong(options.getOrDefault("--pagecache", String.valueOf(256L * 1024 * 1024)));
        long txTimeout = Long.parseLong(options.getOrDefault("--tx-timeout", "60"));

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(HOST, port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, pagecache)
                .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofSeconds(txTimeout))
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dbms.shutdown();
            stopped.countDown();
        }, "bzpeer-neo4j-shutdown"));

        try {
            setPassword(dbms, password);
        } catch (RuntimeException e) {
            e.printStackTrace();
            System.exit(1); // the shutdown hook stops the DBMS cleanly
        }
        System.out.println("READY bolt://" + HOST + ":" + port);
        System.out.flush();
        stopped.await();
    }

    /** Makes the neo4j user's password the configured one, with no forced change, on every start. */
    private static void setPassword(DatabaseManagementService dbms, String password) {
        GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        Map<String, Object> params = new HashMap<>();
        params.put("password", password);
        system.executeTransactionally("CREATE OR REPLACE USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", params);
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        return options;
    }

    private static String require(Map<String, String> options, String name) throws IOException {
        String value = options.get(name);
        if (value == null) {
            throw new IOException("missing argument " + name);
        }
        return value;
    }
}
