package dev.triage.platform;

import jakarta.json.spi.JsonProvider;

/**
 * The JSON-P provider, looked up once. {@code JsonProvider.provider()} scans the class path with a
 * ServiceLoader on every call, and every static {@code jakarta.json.Json.create...} calls it: a
 * profile showed about a fifth of the CPU of an update there. Main code builds JSON through
 * {@link #JSON} (features' control code gets it injected, see {@link PlatformBeans}).
 */
public final class JsonFactory {

    public static final JsonProvider JSON = JsonProvider.provider();

    private JsonFactory() {}
}
