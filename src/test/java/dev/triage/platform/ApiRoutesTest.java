package dev.triage.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.util.List;
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

    @Path("")
    public static class Items {
        @GET
        @Path("items/{id: [^/]+}{slash: /?}")
        public void read() {}

        @PATCH
        @Path("items/{id: [^/]+}{slash: /?}")
        public void change() {}

        @GET
        @Path("items/latest{slash: /?}")
        public void latest() {}
    }

    @Path("")
    public static class MoreItems {
        @DELETE
        @Path("items/{id: [^/]+}{slash: /?}")
        public void remove() {}

        @POST
        @Path("items/{id: [^/]+}/tags/{tag: [^/]+}{slash: /?}")
        public void tag() {}

        @DELETE
        @Path("items/{id: [^/]+}/tags/{tag: [^/]+}{slash: /?}")
        public void untag() {}

        public void notARoute() {}
    }

    @Path("things")
    public static class Things {
        @PUT
        public void replace() {}
    }

    @Test
    void allowIsTheUnionOfEveryResourceMethodOnATemplateInSentrysOrder() throws Exception {
        var routes = ApiRoutes.read(List.of(Items.class, MoreItems.class, Things.class));

        assertEquals("GET, PATCH, DELETE, HEAD, OPTIONS", methods(routes, "/items/7/"));
        assertEquals("POST, DELETE, OPTIONS", methods(routes, "/items/7/tags/red"));
        assertEquals("PUT, OPTIONS", methods(routes, "/things"));
        assertEquals("GET, PATCH, DELETE, HEAD, OPTIONS",
                routes.byResourceMethod().get(MoreItems.class.getMethod("remove")));
        assertEquals(4, routes.inMatchingOrder().size());
    }

    @Test
    void aPathTwoTemplatesMatchTakesTheOneWithMoreLiteralCharacters() {
        var routes = ApiRoutes.read(List.of(Items.class, MoreItems.class, Things.class));

        assertEquals("GET, HEAD, OPTIONS", methods(routes, "/items/latest/"));
        assertEquals("GET, PATCH, DELETE, HEAD, OPTIONS", methods(routes, "/items/lates/"));
    }

    private static String methods(ApiRoutes.Routes routes, String path) {
        return ApiRoutes.match(routes.inMatchingOrder(), path).map(ApiRoutes.Route::methods).orElse(null);
    }
}
