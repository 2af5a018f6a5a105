package io.wrongodb.command;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The MongoDB version WrongoDB answers as, and WrongoDB's own version (from the build). */
public final class ServerVersion {
    /** The MongoDB release whose behaviour WrongoDB follows; drivers choose features by it and by the wire version. */
    public static final String MONGODB_VERSION = "7.0.0";
    /** The wire protocol version of MongoDB 7.0. */
    public static final int MAX_WIRE_VERSION = 21;

    public static final int MIN_WIRE_VERSION = 0;
    public static final String FEATURE_COMPATIBILITY_VERSION = "7.0";

    private static final String WRONGODB_VERSION = load();

    private ServerVersion() {}

    public static String wrongodbVersion() {
        return WRONGODB_VERSION;
    }

    private static String load() {
        try (InputStream in = ServerVersion.class.getResourceAsStream("/io/wrongodb/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("wrongodb.version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
