package dev.triage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What clients call before they touch an issue: the API index, the signed-in user, the caller's
 * organizations, one organization, its projects, teams and members, one project. Shapes follow
 * Sentry's serializers; other tenants get 404; each path needs its Sentry scope.
 */
abstract class OrganizationReadTests {

    static final String ORG = "the-interstellar-jurisdiction";
    static final String NOT_FOUND = "{\"detail\":\"The requested resource does not exist\"}";
    static final String DENIED = "{\"detail\":\"You do not have permission to perform this action.\"}";

    static List<String> strings(JsonArray array) {
        return array.stream().map(v -> ((JsonString) v).getString()).toList();
    }

    static List<String> slugs(JsonArray array) {
        return array.stream().map(v -> v.asJsonObject().getString("slug")).toList();
    }

    /** The live rows' slugs of {@code table} where {@code condition}, by slug: what a listing shows now. */
    static List<String> live(String table, String condition) {
        return ListPagingTests.column("select slug from " + table + " where status = 'active' and " + condition
                + " order by slug");
    }

    static List<String> teamsOfProject(long project) {
        return ListPagingTests.column("""
                select t.slug from team t join project_team pt on pt.team_id = t.id
                where pt.project_id = ? and t.status = 'active' order by t.slug""", project);
    }

    static JsonObject ok(Api.Answer answer) {
        assertEquals(200, answer.status(), answer::toString);
        return answer.object();
    }

    static JsonArray okList(Api.Answer answer) {
        assertEquals(200, answer.status(), answer::toString);
        return answer.array();
    }

    // --- the index and the signed-in user: what sentry-cli info and login check ---

    @Test
    void theIndexShowsTheUserAndTheTokensScopes() {
        JsonObject index = ok(Api.get("/api/0/", Tokens.jane()));
        assertEquals("0", index.getString("version"));
        assertEquals(new TreeSet<>(Tokens.ALL), new TreeSet<>(strings(index.getJsonObject("auth").getJsonArray("scopes"))));
        JsonObject user = index.getJsonObject("user");
        assertEquals("1", user.getString("id"));
        assertEquals("jane", user.getString("username"));
        assertEquals("jane@example.com", user.getString("email"));
        assertEquals("Jane Doe", user.getString("name"));
        assertTrue(user.getBoolean("isActive"));
        assertFalse(user.getBoolean("has2fa"));
        assertTrue(user.containsKey("dateJoined"));
    }

    @Test
    void theIndexWithoutATokenIsAnonymous() {
        Api.Answer answer = Api.send(Api.request("/api/0/").GET().build());
        JsonObject index = ok(answer);
        assertEquals("0", index.getString("version"));
        assertEquals(JsonValue.NULL, index.get("auth"));
        assertEquals(JsonValue.NULL, index.get("user"));
        assertEquals(200, Api.send(Api.request("/api/0").GET().build()).status(), "without the slash too");
    }

    @Test
    void theIndexRejectsABadToken() {
        Api.Answer answer = Api.get("/api/0/", "not-a-token");
        assertEquals(401, answer.status(), answer::toString);
        assertEquals("{\"detail\":\"Invalid token\"}", answer.text());
    }

    @Test
    void authIsTheSignedInUser() {
        JsonObject me = ok(Api.get("/api/0/auth/", Tokens.john()));
        assertEquals("2", me.getString("id"));
        assertEquals("john", me.getString("username"));
        assertEquals("john@example.com", me.getJsonArray("emails").getJsonObject(0).getString("email"));
        assertEquals(JsonValue.EMPTY_JSON_ARRAY, me.getJsonArray("identities"));

        assertEquals(401, Api.send(Api.request("/api/0/auth/").GET().build()).status());
        assertEquals(401, Api.get("/api/0/auth/", "not-a-token").status());
    }

    // --- organizations ---

    @Test
    void theOrganizationListHoldsOnlyTheCallersOrganizations() {
        // other tests add jane to organizations of their own; leia's organization is never among hers
        JsonArray jane = okList(Api.get("/api/0/organizations/", Tokens.jane()));
        assertTrue(slugs(jane).contains(ORG), jane::toString);
        assertFalse(slugs(jane).contains("the-rebel-alliance"), jane::toString);
        JsonObject org = jane.stream().map(JsonValue::asJsonObject).filter(o -> o.getString("slug").equals(ORG))
                .findFirst().orElseThrow();
        assertEquals("1", org.getString("id"));
        assertEquals("The Interstellar Jurisdiction", org.getString("name"));
        assertEquals("active", org.getJsonObject("status").getString("id"));
        assertEquals("2018-11-06T21:00:00.000000Z", org.getString("dateCreated"));
        assertEquals("letter_avatar", org.getJsonObject("avatar").getString("avatarType"));
        assertEquals(TestEnvironment.baseUrl(), org.getJsonObject("links").getString("regionUrl"));
        assertEquals("https://triage.example.com", org.getJsonObject("links").getString("organizationUrl"));
        assertTrue(strings(org.getJsonArray("features")).contains("open-membership"));
        assertFalse(org.containsKey("teams"), "the list is not detailed");

        List<String> leia = slugs(okList(Api.get("/api/0/organizations", Tokens.leia())));
        assertTrue(leia.contains("the-rebel-alliance"), leia::toString);
        assertFalse(leia.contains(ORG), leia::toString);
        assertEquals(List.of(), slugs(okList(Api.get("/api/0/organizations/", Tokens.of("nobody-at-all", "org:read")))));
    }

    @Test
    void ownerTrueKeepsTheOrganizationsTheCallerOwns() {
        assertTrue(slugs(okList(Api.get("/api/0/organizations/?owner=true", Tokens.jane()))).contains(ORG));
        List<String> john = slugs(okList(Api.get("/api/0/organizations/?owner=true", Tokens.john())));
        assertFalse(john.contains(ORG), "john is a member there: " + john);
        assertTrue(slugs(okList(Api.get("/api/0/organizations/", Tokens.john()))).contains(ORG));
    }

    @Test
    void oneOrganizationShowsTheCallersRoleScopesTeamsAndProjects() {
        JsonObject org = ok(Api.get("/api/0/organizations/" + ORG + "/", Tokens.jane()));
        assertEquals("owner", org.getString("orgRole"));
        assertEquals("owner", org.getString("role"));
        // the role's scopes that the token also grants: jane's token has no write scopes here
        assertEquals(Set.of("event:admin", "event:read", "event:write", "member:read", "org:read", "project:read",
                "team:read"), Set.copyOf(strings(org.getJsonArray("access"))));
        assertTrue(org.getBoolean("openMembership"));
        assertEquals(List.of("member", "admin", "manager", "owner"),
                org.getJsonArray("availableRoles").stream().map(r -> r.asJsonObject().getString("id")).toList());
        // other tests may add teams and projects to organization 1: the answer is what it holds now
        assertEquals(live("team", "organization_id = 1"), slugs(org.getJsonArray("teams")));
        assertTrue(slugs(org.getJsonArray("teams")).contains("powerful-abolitionist"));
        assertEquals(live("project", "organization_id = 1"), slugs(org.getJsonArray("projects")));
        assertTrue(slugs(org.getJsonArray("projects")).containsAll(List.of("prime-mover", "pump-station")));

        JsonObject john = ok(Api.get("/api/0/organizations/1/", Tokens.john()));
        assertEquals(ORG, john.getString("slug"), "the id names it too");
        assertEquals("member", john.getString("orgRole"));
        assertFalse(strings(john.getJsonArray("access")).contains("event:admin"), "not in john's token");

        JsonObject brief = ok(Api.get("/api/0/organizations/" + ORG + "/?detailed=0", Tokens.jane()));
        assertFalse(brief.containsKey("projects"), brief::toString);
        assertFalse(brief.containsKey("teams"), brief::toString);
        assertEquals("owner", brief.getString("orgRole"));
        assertFalse(org.getJsonArray("teams").getJsonObject(0).containsKey("projects"), "teams inside are not detailed");
    }

    @Test
    void anotherTenantsOrganizationIsNotFoundOnEveryPath() {
        for (String path : List.of("/api/0/organizations/" + ORG + "/", "/api/0/organizations/1/",
                "/api/0/organizations/" + ORG + "/projects/", "/api/0/organizations/" + ORG + "/teams/",
                "/api/0/organizations/" + ORG + "/members/", "/api/0/projects/" + ORG + "/pump-station/",
                "/api/0/projects/" + ORG + "/2/", "/api/0/organizations/no-such-org/",
                "/api/0/projects/the-rebel-alliance/pump-station/")) {
            Api.Answer answer = Api.get(path, Tokens.leia());
            assertEquals(404, answer.status(), path + ": " + answer);
            assertEquals(NOT_FOUND, answer.text(), path);
        }
    }

    @Test
    void eachPathNeedsItsScope() {
        String readIssuesOnly = Tokens.of("jane", "event:read", "event:write", "event:admin");
        for (String path : List.of("/api/0/organizations/", "/api/0/organizations/" + ORG + "/",
                "/api/0/organizations/" + ORG + "/projects/", "/api/0/organizations/" + ORG + "/teams/")) {
            Api.Answer answer = Api.get(path, readIssuesOnly);
            assertEquals(403, answer.status(), path + ": " + answer);
            assertEquals(DENIED, answer.text());
            assertEquals("Bearer error=\"insufficient_scope\", scope=\"org:read\"", answer.header("WWW-Authenticate").orElse(null));
            assertEquals(401, Api.get(path, null).status(), path);
            assertEquals(200, Api.get(path, Tokens.of("jane", "org:read")).status(), path);
            assertEquals(200, Api.get(path, Tokens.of("jane", "org:admin")).status(), "a higher level implies read: " + path);
        }
        String members = "/api/0/organizations/" + ORG + "/members/";
        assertEquals(403, Api.get(members, Tokens.of("jane", "org:read")).status());
        assertEquals(200, Api.get(members, Tokens.of("jane", "member:read")).status());
        assertEquals(401, Api.get(members, null).status());
        String project = "/api/0/projects/" + ORG + "/pump-station/";
        assertEquals(403, Api.get(project, Tokens.of("jane", "org:read")).status());
        assertEquals(200, Api.get(project, Tokens.of("jane", "project:read")).status());
        assertEquals(401, Api.get(project, null).status());
    }

    // --- projects, teams, members ---

    @Test
    void theProjectListShowsTeamsReleasesAndAccess() {
        JsonArray projects = okList(Api.get("/api/0/organizations/" + ORG + "/projects/", Tokens.john()));
        List<String> slugs = slugs(projects);
        assertTrue(slugs.containsAll(List.of("prime-mover", "pump-station")), slugs::toString);
        assertEquals(slugs.stream().sorted().toList(), slugs, "by slug");
        assertEquals(live("project", "organization_id = 1").stream().limit(100).toList(), slugs);
        JsonObject pump = projects.stream().map(JsonValue::asJsonObject)
                .filter(p -> p.getString("slug").equals("pump-station")).findFirst().orElseThrow();
        assertEquals("2", pump.getString("id"));
        assertEquals("Pump Station", pump.getString("name"));
        assertEquals(JsonValue.NULL, pump.get("platform"));
        assertEquals("1.1.0", pump.getJsonObject("latestRelease").getString("version"));
        assertEquals(teamsOfProject(2), slugs(pump.getJsonArray("teams")));
        assertEquals(teamsOfProject(2).get(0), pump.getJsonObject("team").getString("slug"));
        assertFalse(pump.getBoolean("isMember"), "john is in no team");
        assertTrue(pump.getBoolean("hasAccess"), "open membership");
        JsonObject mover = projects.stream().map(JsonValue::asJsonObject)
                .filter(p -> p.getString("slug").equals("prime-mover")).findFirst().orElseThrow();
        assertEquals(JsonValue.NULL, mover.get("latestRelease"));
        assertEquals(List.of("python"), strings(mover.getJsonArray("platforms")));

        JsonObject forJane = okList(Api.get("/api/0/organizations/" + ORG + "/projects/", Tokens.jane())).stream()
                .map(JsonValue::asJsonObject).filter(p -> p.getString("slug").equals("pump-station")).findFirst()
                .orElseThrow();
        assertTrue(forJane.getBoolean("isMember"), "jane is in powerful-abolitionist");
    }

    @Test
    void firstEventIsTheTimeOfTheProjectsFirstEvent() {
        Ingest.Project project = Ingest.project("first-event");
        String path = "/api/0/projects/" + Ingest.ORG + "/" + project.slug() + "/";
        assertEquals(JsonValue.NULL, ok(Api.get(path, Tokens.jane())).get("firstEvent"), "no event yet");

        java.time.Instant first = java.time.Instant.now().minusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        for (java.time.Instant at : List.of(first, first.plusSeconds(600))) {
            String id = Ingest.newEventId();
            String event = Ingest.exceptionEvent(id, "FirstError", "at " + at, null, null)
                    .replaceFirst("\\{", "{\"timestamp\":\"" + at + "\",");
            assertEquals(200, Ingest.postEnvelope(project, Ingest.envelope(id, event)).status());
        }

        String expected = first.toString().replace("Z", ".000000Z");
        assertEquals(expected, ok(Api.get(path, Tokens.jane())).getString("firstEvent"));
        List<String> listed = ListPagingTests.walk("/api/0/organizations/" + Ingest.ORG + "/projects/", Tokens.jane(),
                p -> p.getString("slug") + " " + (p.isNull("firstEvent") ? "null" : p.getString("firstEvent"))).keys();
        assertTrue(listed.contains(project.slug() + " " + expected), "the list shows it too: " + listed);
    }

    @Test
    void oneProjectWithItsOrganization() {
        JsonObject project = ok(Api.get("/api/0/projects/" + ORG + "/pump-station/", Tokens.jane()));
        assertEquals("2", project.getString("id"));
        assertEquals("active", project.getString("status"));
        assertEquals(ORG, project.getJsonObject("organization").getString("slug"));
        assertEquals(teamsOfProject(2), slugs(project.getJsonArray("teams")));
        assertTrue(slugs(project.getJsonArray("teams")).contains("powerful-abolitionist"));
        assertEquals("2018-11-06T21:05:00.000000Z", project.getString("dateCreated"));
        assertEquals(ORG, ok(Api.get("/api/0/projects/1/3/", Tokens.jane())).getJsonObject("organization")
                .getString("slug"), "ids name them too");
    }

    @Test
    void theTeamListCountsMembersAndShowsProjects() {
        JsonArray teams = okList(Api.get("/api/0/organizations/" + ORG + "/teams/", Tokens.jane()));
        JsonObject team = teams.stream().map(JsonValue::asJsonObject)
                .filter(t -> t.getString("slug").equals("powerful-abolitionist")).findFirst().orElseThrow();
        assertEquals("1", team.getString("id"));
        assertEquals("Powerful Abolitionist", team.getString("name"));
        assertEquals(Fixtures.single("select count(*) from team_member where team_id = 1"), team.getInt("memberCount"));
        assertTrue(team.getBoolean("isMember"));
        assertEquals("contributor", team.getString("teamRole"));
        assertEquals(ListPagingTests.column("""
                select p.slug from project p join project_team pt on pt.project_id = p.id
                where pt.team_id = 1 and p.status = 'active' order by p.slug"""), slugs(team.getJsonArray("projects")));
        assertTrue(slugs(team.getJsonArray("projects")).containsAll(List.of("prime-mover", "pump-station")));

        JsonObject forJohn = okList(Api.get("/api/0/organizations/" + ORG + "/teams/?detailed=0", Tokens.john()))
                .stream().map(JsonValue::asJsonObject).filter(t -> t.getString("slug").equals("powerful-abolitionist"))
                .findFirst().orElseThrow();
        assertFalse(forJohn.getBoolean("isMember"));
        assertEquals(JsonValue.NULL, forJohn.get("teamRole"));
        assertFalse(forJohn.containsKey("projects"), forJohn::toString);
    }

    @Test
    void oneMemberIsTheListsEntryReadByItself() {
        String path = "/api/0/organizations/" + ORG + "/members/";
        JsonArray members = okList(Api.get(path, Tokens.jane()));
        assertTrue(members.size() >= 2, members::toString);
        for (JsonValue listed : members) {
            String id = listed.asJsonObject().getString("id");
            assertEquals(listed, ok(Api.get(path + id + "/", Tokens.jane())), id);
        }
        String janeId = Long.toString(Fixtures.single(
                "select id from organization_member where organization_id = 1 and user_id = 1"));
        assertEquals(ok(Api.get(path + janeId + "/", Tokens.jane())), ok(Api.get(path + "me/", Tokens.jane())));
        for (String notAnId : List.of("0" + janeId, "+" + janeId, janeId + "x", "999999999", "99999999999999999999")) {
            assertEquals(404, Api.get(path + notAnId + "/", Tokens.jane()).status(), notAnId);
        }

        // read alone: no statement on the memberships returns more rows than it ran times
        Fixtures.execute("create extension if not exists pg_stat_statements");
        Fixtures.value("select pg_stat_statements_reset()");
        ok(Api.get(path + janeId + "/", Tokens.jane()));
        List<List<Object>> statements = Fixtures.rows("""
                select query, calls, rows from pg_stat_statements
                where query ilike '%organization_member%' and query not ilike '%pg_stat_statements%'""");
        assertFalse(statements.isEmpty(), "pg_stat_statements saw the request");
        for (List<Object> statement : statements) {
            assertTrue(((Number) statement.get(2)).longValue() <= ((Number) statement.get(1)).longValue(),
                    () -> "a statement read more than one member per call: " + statement);
        }
    }

    @Test
    void theMemberListShowsRolesUsersAndTeams() {
        JsonArray members = okList(Api.get("/api/0/organizations/" + ORG + "/members/", Tokens.john()));
        JsonObject jane = members.stream().map(JsonValue::asJsonObject)
                .filter(m -> m.getString("email").equals("jane@example.com")).findFirst().orElseThrow();
        long memberId = Fixtures.single("select id from organization_member where organization_id = 1 and user_id = 1");
        assertEquals(Long.toString(memberId), jane.getString("id"), "Sentry's member id, not the user id");
        assertEquals("owner", jane.getString("orgRole"));
        assertEquals("Jane Doe", jane.getString("name"));
        assertEquals("1", jane.getJsonObject("user").getString("id"));
        assertEquals("jane", jane.getJsonObject("user").getString("username"));
        assertEquals(List.of("powerful-abolitionist"), strings(jane.getJsonArray("teams")));
        assertFalse(jane.getBoolean("pending"));
        assertEquals("approved", jane.getString("inviteStatus"));
        Set<String> emails = members.stream().map(m -> m.asJsonObject().getString("email")).collect(Collectors.toSet());
        assertTrue(emails.containsAll(Set.of("jane@example.com", "john@example.com")), emails::toString);
        assertFalse(emails.contains("leia@example.com"), "leia is of another organization");
    }

    @Test
    void withoutOpenMembershipAMemberOutsideTheProjectsTeamsGets403() {
        String slug = "closed-" + Long.toString(System.nanoTime(), 36);
        long org = Fixtures.single("insert into organization (slug, name, open_membership) values (?, ?, false) returning id",
                slug, slug);
        Fixtures.execute("insert into organization_member (organization_id, user_id, role) values (?, 1, 'owner'), (?, 2, 'member')",
                org, org);
        long project = Fixtures.single("insert into project (organization_id, slug, name) values (?, 'vault', 'Vault') returning id", org);
        String path = "/api/0/projects/" + slug + "/vault/";

        Api.Answer john = Api.get(path, Tokens.john());
        assertEquals(403, john.status(), john::toString);
        assertEquals(DENIED, john.text());
        assertEquals(200, Api.get(path, Tokens.jane()).status(), "the owner reaches every project");
        JsonObject listed = okList(Api.get("/api/0/organizations/" + slug + "/projects/", Tokens.john())).getJsonObject(0);
        assertFalse(listed.getBoolean("hasAccess"));
        assertEquals(JsonValue.EMPTY_JSON_ARRAY, listed.getJsonArray("access"));

        long team = Fixtures.single("insert into team (organization_id, slug, name) values (?, 'guards', 'Guards') returning id", org);
        Fixtures.execute("insert into team_member (team_id, user_id) values (?, 2)", team);
        Fixtures.execute("insert into project_team (project_id, team_id) values (?, ?)", project, team);
        JsonObject now = ok(Api.get(path, Tokens.john()));
        assertTrue(now.getBoolean("isMember"));
    }

    @Test
    void optionsAndHeadAnswerWithTheAllowedMethods() {
        for (String path : List.of("/api/0/organizations/", "/api/0/organizations/" + ORG + "/members/",
                "/api/0/projects/" + ORG + "/pump-station/", "/api/0/teams/" + ORG + "/powerful-abolitionist/")) {
            Api.Answer options = Api.send("OPTIONS", path, null, null, List.of());
            assertEquals(200, options.status(), path + ": " + options);
            assertTrue(options.header("Allow").orElse("").contains("GET"), path + ": " + options.headers());
            Api.Answer head = Api.send("HEAD", path, Tokens.jane(), null, List.of());
            assertEquals(200, head.status(), path + ": " + head);
        }
        assertTrue(Api.send("OPTIONS", "/api/0/organizations/", null, null, List.of()).header("Allow").orElse("")
                .contains("POST"));
    }
}
