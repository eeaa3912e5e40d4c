package dev.triage.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTemplatesTest {

    @Test
    void patternsAreDroppedAndTheOptionalSlashBecomesTheTrailingOne() {
        assertEquals("/api/0/organizations/{org}/issues/{issueId}/",
                RouteTemplates.clean("/api/0//organizations/{org: [^/]+}/issues/{issueId: [^/]+}{slash: /?}"));
        assertEquals("/api/0/projects/{org}/{project}/issues/",
                RouteTemplates.clean("/api/0/projects/{org: [^/]+}/{project: [^/]+}/issues{slash: /?}"));
        assertEquals("/api/0/things/{id}", RouteTemplates.clean("/api/0/things/{id: [0-9]{1,18}}"));
    }

    @Test
    void aChoiceOfWordsBecomesTheMatchedWord() {
        String template = "/api/0/{alias: issues|groups}/{issueId: [^/]+}{slash: /?}";
        assertEquals("/api/0/groups/{issueId}/", RouteTemplates.clean(template, Map.of("alias", "groups")::get));
        assertEquals("/api/0/{alias}/{issueId}/", RouteTemplates.clean(template, Map.of("alias", "other")::get));
        assertEquals("/api/0/{alias}/{issueId}/", RouteTemplates.clean(template));
    }

    @jakarta.ws.rs.Path("")
    static class Resource {
        @jakarta.ws.rs.Path("{alias: issues|groups}/{issueId: [^/]+}{slash: /?}")
        public void issue() {}

        @jakarta.ws.rs.Path("/organizations/{org: [^/]+}/issues{slash: /?}")
        public void list() {}
    }

    @Test
    void theApplicationClassAndMethodPathsAreJoinedWithOneSlash() throws Exception {
        assertEquals("/api/0/issues/{issueId}/",
                RouteTemplates.of(Resource.class, Resource.class.getMethod("issue"), Map.of("alias", "issues")::get));
        assertEquals("/api/0/organizations/{org}/issues/", RouteTemplates.of(Resource.class, Resource.class.getMethod("list")));
    }
}
