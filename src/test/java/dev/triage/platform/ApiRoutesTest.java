package dev.triage.platform;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ApiRoutesTest {

    @Test
    void templatesWithRegularExpressionsMatchLikeJaxRs() {
        Pattern details = ApiRoutes.pattern("", "{alias: issues|groups}/{issueId: [^/]+}{slash: /?}");
        assertTrue(details.matcher("/issues/1/").matches());
        assertTrue(details.matcher("/groups/1").matches());
        assertFalse(details.matcher("/issues/").matches());
        assertFalse(details.matcher("/issues/1/events/").matches());
        assertFalse(details.matcher("/projects/1/").matches());
    }

    @Test
    void plainVariablesNestedBracesAndClassPaths() {
        Pattern pattern = ApiRoutes.pattern("/base/", "/items/{id}/{n: [0-9]{1,3}}");
        assertTrue(pattern.matcher("/base/items/a.b/123").matches());
        assertFalse(pattern.matcher("/base/items/a/1234").matches());
        assertTrue(ApiRoutes.pattern("base", "").matcher("/base").matches());
    }
}
