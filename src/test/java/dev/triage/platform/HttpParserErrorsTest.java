package dev.triage.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HttpParserErrorsTest {

    @ParameterizedTest
    @ValueSource(strings = {"/api/0/issues/1/", "*", "/", "/api/0/issues/PUMP-STATION-1/", "/a/./b/../c", "/a/%2e%2e/b",
            "/api/0/issues/1%2F/", "/caf%C3%A9", "/a/b/../../", "/a%20b", "/api/0/issues/1;x=y/"})
    void pathsTheWebContainerMapsPass(String path) {
        assertNull(HttpParserErrors.pathProblem(path));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            api/0/issues/1/       | The request path must start with a slash.
            /api/0/issues/1%00/   | The request path may not contain null characters.
            /api/%5c0/            | The request path may not contain backslashes.
            /api/0\\issues/       | The request path may not contain backslashes.
            /api/%zz/             | The request path has a malformed percent-encoding.
            /api/%4/              | The request path has a malformed percent-encoding.
            /api/%                | The request path has a malformed percent-encoding.
            /api/%FF/             | The request path is not valid UTF-8.
            /api/%C0%AF/          | The request path is not valid UTF-8.
            /api/%ED%A0%80/       | The request path is not valid UTF-8.
            /..                   | The request path leads above the root.
            /a/../../b            | The request path leads above the root.
            /%2E%2E/b             | The request path leads above the root.
            """)
    void pathsTheWebContainerWouldRefuseAreNamed(String path, String problem) {
        assertEquals(problem, HttpParserErrors.pathProblem(path));
    }
}
