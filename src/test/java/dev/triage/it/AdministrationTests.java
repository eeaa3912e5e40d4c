package dev.triage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Provisioning through Sentry's administration endpoints in the shared suite: every test builds
 * its own organization through the API (POST /organizations/ is enabled for the suite) with people
 * who sign in just in time, then checks answers and the database. Other tenants get 404, each role
 * and scope boundary 403, bad input Sentry's 400 bodies.
 */
abstract class AdministrationTests {

    static final String NOT_FOUND = "{\"detail\":\"The requested resource does not exist\"}";
    static final People PEOPLE = People.suite();

    static Api.Answer post(String path, String token, String json) {
        return Api.send("POST", path, token, json, List.of());
    }

    static Api.Answer delete(String path, String token) {
        return Api.send("DELETE", path, token, null, List.of());
    }

    static JsonObject created(Api.Answer answer) {
        assertEquals(201, answer.status(), answer::toString);
        return answer.object();
    }

    static JsonObject ok(Api.Answer answer) {
        assertEquals(200, answer.status(), answer::toString);
        return answer.object();
    }

    static void assertStatus(int status, Api.Answer answer) {
        assertEquals(status, answer.status(), answer::toString);
    }

    /** A new organization owned by {@code owner}; answers its slug. */
    static String organization(People.Person owner) {
        String slug = People.unique("org");
        created(post("/api/0/organizations/", owner.token(), "{\"name\": \"Org " + slug + "\", \"slug\": \"" + slug + "\"}"));
        return slug;
    }

    static String team(People.Person by, String org, String slug) {
        return created(post("/api/0/organizations/" + org + "/teams/", by.token(), "{\"slug\": \"" + slug + "\"}"))
                .getString("slug");
    }

    static JsonObject project(People.Person by, String org, String team, String slug) {
        return created(post("/api/0/teams/" + org + "/" + team + "/projects/", by.token(),
                "{\"name\": \"Project " + slug + "\", \"slug\": \"" + slug + "\", \"platform\": \"java\"}"));
    }

    /** Adds a person who has signed in, by e-mail; answers the member id. */
    static String member(People.Person by, String org, People.Person who, String role, String... teams) {
        StringBuilder list = new StringBuilder();
        for (String team : teams) {
            list.append(list.isEmpty() ? "" : ", ").append('"').append(team).append('"');
        }
        JsonObject member = created(post("/api/0/organizations/" + org + "/members/", by.token(),
                "{\"email\": \"" + who.email() + "\", \"orgRole\": \"" + role + "\", \"teams\": [" + list + "]}"));
        return member.getString("id");
    }

    static String role(String org, People.Person who) {
        return (String) Fixtures.value("select m.role from organization_member m join organization o on o.id = m.organization_id"
                + " join app_user u on u.id = m.user_id where o.slug = ? and u.jwt_subject = ?", org, who.subject());
    }

    // --- users from tokens ---

    @Test
    void aNewSubjectBecomesAUserFromItsClaimsAndLaterTokensUpdateIt() {
        People.Person ann = PEOPLE.fresh("ann");
        JsonObject index = ok(Api.get("/api/0/", ann.token()));
        assertEquals(ann.username(), index.getJsonObject("user").getString("username"));
        assertEquals(ann.email(), index.getJsonObject("user").getString("email"));
        assertEquals(ann.name(), index.getJsonObject("user").getString("name"));
        List<List<Object>> row = Fixtures.rows("select username, email, name from app_user where jwt_subject = ?", ann.subject());
        assertEquals(List.of(ann.username(), ann.email(), ann.name()), row.get(0));

        People.Person renamed = new People.Person(TestEnvironment.keys(), ann.subject(), "other-name",
                "ann.new@corp.example", "Ann Married");
        JsonObject me = ok(Api.get("/api/0/auth/", renamed.token()));
        assertEquals("ann.new@corp.example", me.getString("email"));
        assertEquals("Ann Married", me.getString("name"));
        assertEquals(ann.username(), me.getString("username"), "the username stays");
        assertEquals(1L, Fixtures.single("select count(*) from app_user where jwt_subject = ?", ann.subject()));
    }

    @Test
    void aTakenUsernameGetsASuffix() {
        People.Person second = new People.Person(TestEnvironment.keys(), People.unique("sub-jane"), "jane",
                "jane.other@corp.example", "Another Jane");
        assertEquals("jane-2", ok(Api.get("/api/0/", second.token())).getJsonObject("user").getString("username"));

        String popular = People.unique("popular");
        java.util.Set<String> usernames = new java.util.HashSet<>();
        for (int i = 0; i < 7; i++) {
            People.Person same = new People.Person(TestEnvironment.keys(), People.unique("sub-popular"), popular,
                    popular + i + "@corp.example", "Popular " + i);
            usernames.add(ok(Api.get("/api/0/", same.token())).getJsonObject("user").getString("username"));
        }
        assertEquals(7, usernames.size(), "a popular name never stops a sign-in: " + usernames);
        assertTrue(usernames.containsAll(List.of(popular, popular + "-2", popular + "-5")), usernames::toString);
    }

    @Test
    void aTokenAloneGrantsNoMembership() {
        People.Person eve = PEOPLE.fresh("eve");
        assertEquals(JsonValue.EMPTY_JSON_ARRAY, Api.get("/api/0/organizations/", eve.token()).array());
        assertEquals(NOT_FOUND, Api.get("/api/0/organizations/the-interstellar-jurisdiction/", eve.token()).text());
        assertEquals(0L, Fixtures.single("select count(*) from organization_member m join app_user u on u.id = m.user_id"
                + " where u.jwt_subject = ?", eve.subject()));
    }

    @Test
    void theConfiguredMembershipClaimGrantsMembershipWithItsRole() {
        People.Person owner = PEOPLE.fresh("claimowner");
        String org = organization(owner);
        People.Person carl = PEOPLE.fresh("carl");
        String token = carl.tokenWith("triage_orgs", List.of(org + ":admin", "no-such-org"), "org:read");
        JsonObject details = ok(Api.get("/api/0/organizations/" + org + "/", token));
        assertEquals("admin", details.getString("orgRole"));
        assertEquals("admin", role(org, carl));
        ok(Api.get("/api/0/", carl.tokenWith("triage_orgs", List.of(org), "org:read")));
        assertEquals("member", role(org, carl), "the claim sets the role");
    }

    // --- the whole way: organization, team, project, member, an issue resolved ---

    @Test
    void anOwnerBuildsAWorkingTeamAndOtherTenantsSeeNothingOfIt() {
        People.Person owner = PEOPLE.fresh("olga");
        String org = organization(owner);
        assertEquals("owner", role(org, owner));

        JsonObject team = created(post("/api/0/organizations/" + org + "/teams/", owner.token(), "{\"name\": \"Back End\"}"));
        assertEquals("back-end", team.getString("slug"), "Sentry's slug from the name");
        assertTrue(team.getBoolean("isMember"), "the creator joins the team");

        JsonObject project = project(owner, org, "back-end", "billing");
        assertEquals("billing", project.getString("slug"));
        assertEquals("java", project.getString("platform"));
        assertEquals(List.of("back-end"), project.getJsonArray("teams").stream()
                .map(t -> t.asJsonObject().getString("slug")).toList());
        long projectId = Long.parseLong(project.getString("id"));
        assertEquals(1L, Fixtures.single("select count(*) from project_team pt join team t on t.id = pt.team_id"
                + " where pt.project_id = ? and t.slug = 'back-end'", projectId));

        People.Person bob = PEOPLE.fresh("bob").signedIn();
        JsonObject added = created(post("/api/0/organizations/" + org + "/members/", owner.token(),
                "{\"email\": \"" + bob.email() + "\", \"orgRole\": \"member\", \"teamRoles\": [{\"teamSlug\": \"back-end\", \"role\": null}]}"));
        assertEquals("member", added.getString("orgRole"));
        assertEquals(bob.email(), added.getString("email"));
        assertEquals(List.of("back-end"), added.getJsonArray("teams").stream().map(t -> ((JsonString) t).getString()).toList());

        long issue = Fixtures.newIssue(projectId, "first bug of billing");
        JsonObject resolved = ok(Api.put("/api/0/issues/" + issue + "/", bob.token("event:read", "event:write"),
                "{\"status\": \"resolved\"}"));
        assertEquals("resolved", resolved.getString("status"));
        assertEquals("BILLING-1", resolved.getString("shortId"));
        assertEquals("resolved", Fixtures.value("select status from issue where id = ?", issue));

        String memberId = added.getString("id");
        for (String path : List.of("/api/0/organizations/" + org + "/", "/api/0/organizations/" + org + "/projects/",
                "/api/0/organizations/" + org + "/teams/", "/api/0/organizations/" + org + "/members/",
                "/api/0/organizations/" + org + "/members/" + memberId + "/", "/api/0/teams/" + org + "/back-end/",
                "/api/0/projects/" + org + "/billing/", "/api/0/issues/" + issue + "/",
                "/api/0/organizations/" + org + "/issues/BILLING-1/")) {
            Api.Answer leia = Api.get(path, Tokens.of("leia", DemoServiceScopes.OWNER));
            assertEquals(404, leia.status(), path + ": " + leia);
        }
        for (Api.Answer write : List.of(
                Api.put("/api/0/organizations/" + org + "/", Tokens.of("leia", DemoServiceScopes.OWNER), "{\"name\": \"x\"}"),
                delete("/api/0/projects/" + org + "/billing/", Tokens.of("leia", DemoServiceScopes.OWNER)),
                post("/api/0/organizations/" + org + "/teams/", Tokens.of("leia", DemoServiceScopes.OWNER), "{\"slug\": \"x\"}"),
                delete("/api/0/organizations/" + org + "/members/" + memberId + "/", Tokens.of("leia", DemoServiceScopes.OWNER)))) {
            assertEquals(404, write.status(), write::toString);
        }
        assertEquals("Project billing", Fixtures.value("select name from project where id = ?", projectId));
    }

    // --- roles and scopes ---

    @Test
    void eachRoleDoesWhatSentrysRoleAllows() {
        People.Person owner = PEOPLE.fresh("own");
        String org = organization(owner);
        team(owner, org, "core");
        People.Person member = PEOPLE.fresh("mem").signedIn();
        People.Person admin = PEOPLE.fresh("adm").signedIn();
        People.Person manager = PEOPLE.fresh("man").signedIn();
        People.Person outsider = PEOPLE.fresh("out").signedIn();
        member(owner, org, member, "member");
        member(owner, org, admin, "admin", "core");
        String managerId = member(owner, org, manager, "manager");

        // a member (with every scope in the token) reads but does not administer
        assertStatus(403, post("/api/0/organizations/" + org + "/teams/", member.token(), "{\"slug\": \"m\"}"));
        assertStatus(403, post("/api/0/teams/" + org + "/core/projects/", member.token(), "{\"name\": \"m\"}"));
        assertStatus(403, post("/api/0/organizations/" + org + "/members/", member.token(), "{\"email\": \"" + outsider.email() + "\"}"));
        assertStatus(403, Api.put("/api/0/organizations/" + org + "/", member.token(), "{\"name\": \"m\"}"));
        assertStatus(403, delete("/api/0/organizations/" + org + "/", member.token()));
        assertEquals("You do not have permission to perform this action.",
                Api.put("/api/0/organizations/" + org + "/", member.token(), "{\"name\": \"m\"}").object().getString("detail"));
        ok(Api.get("/api/0/teams/" + org + "/core/", member.token()));
        assertStatus(403, Api.put("/api/0/teams/" + org + "/core/", member.token(), "{\"name\": \"m\"}"));
        assertStatus(403, delete("/api/0/teams/" + org + "/core/", member.token()));
        assertStatus(403, delete("/api/0/organizations/" + org + "/members/" + managerId + "/", member.token()));
        assertStatus(403, Api.put("/api/0/organizations/" + org + "/members/" + managerId + "/", member.token(),
                "{\"orgRole\": \"member\"}"));

        // an admin creates teams and projects (in their teams), but does not manage members or the organization
        team(admin, org, "admins-team");
        project(admin, org, "core", "admin-made");
        assertStatus(403, delete("/api/0/projects/" + org + "/admin-made/", member.token()));
        assertStatus(403, Api.put("/api/0/projects/" + org + "/admin-made/", member.token(), "{\"name\": \"m\"}"));
        assertStatus(403, delete("/api/0/organizations/" + org + "/members/" + managerId + "/", admin.token()));
        assertStatus(403, post("/api/0/organizations/" + org + "/members/", admin.token(), "{\"email\": \"" + outsider.email() + "\"}"));
        assertStatus(403, Api.put("/api/0/organizations/" + org + "/", admin.token(), "{\"name\": \"a\"}"));
        assertStatus(403, delete("/api/0/organizations/" + org + "/", admin.token()));

        // a manager manages members and settings, but makes no owners and does not remove the organization
        ok(Api.put("/api/0/organizations/" + org + "/", manager.token(), "{\"name\": \"Renamed by manager\"}"));
        Api.Answer makeOwner = post("/api/0/organizations/" + org + "/members/", manager.token(),
                "{\"email\": \"" + outsider.email() + "\", \"orgRole\": \"owner\"}");
        assertStatus(400, makeOwner);
        assertEquals("You do not have permission to set that org-level role",
                makeOwner.object().getJsonArray("orgRole").getString(0));
        member(manager, org, outsider, "member");
        assertStatus(403, delete("/api/0/organizations/" + org + "/", manager.token()));
        Api.Answer demoteOwner = Api.put("/api/0/organizations/" + org + "/members/" + ownerId(org, owner) + "/",
                manager.token(), "{\"orgRole\": \"member\"}");
        assertStatus(403, demoteOwner);
        assertEquals("owner", role(org, owner));

        // the owner does everything, but a token without the scope stops even the owner
        Api.Answer noWriteScope = post("/api/0/organizations/" + org + "/teams/", owner.token("org:read", "team:read"),
                "{\"slug\": \"t\"}");
        assertStatus(403, noWriteScope);
        assertEquals("Bearer error=\"insufficient_scope\", scope=\"team:write\"", noWriteScope.header("WWW-Authenticate").orElse(null));
        assertStatus(403, delete("/api/0/organizations/" + org + "/", owner.token("org:read", "org:write")));
        assertStatus(403, Api.put("/api/0/organizations/" + org + "/members/" + managerId + "/", owner.token("member:read"),
                "{\"orgRole\": \"admin\"}"));
        assertStatus(403, Api.put("/api/0/projects/" + org + "/admin-made/", owner.token("project:read"), "{\"name\": \"p\"}"));
        assertStatus(403, delete("/api/0/projects/" + org + "/admin-made/", owner.token("project:write")));
        assertStatus(403, delete("/api/0/teams/" + org + "/core/", owner.token("team:write")));
        assertStatus(401, post("/api/0/organizations/" + org + "/teams/", null, "{\"slug\": \"t\"}"));
        assertEquals("admin", ok(Api.put("/api/0/organizations/" + org + "/members/" + managerId + "/", owner.token(),
                "{\"orgRole\": \"admin\"}")).getString("orgRole"));
        assertEquals(List.of(List.of("admin-made")), Fixtures.rows("select p.slug from project p join organization o"
                + " on o.id = p.organization_id where o.slug = ? and p.status = 'active'", org));
    }

    @Test
    void withoutOpenMembershipAnAdminManagesOnlyTheirTeams() {
        People.Person owner = PEOPLE.fresh("closedowner");
        String org = organization(owner);
        ok(Api.put("/api/0/organizations/" + org + "/", owner.token(), "{\"openMembership\": false}"));
        team(owner, org, "mine");
        team(owner, org, "theirs");
        People.Person admin = PEOPLE.fresh("teamadmin").signedIn();
        member(owner, org, admin, "admin", "mine");
        project(admin, org, "mine", "allowed");
        assertStatus(403, post("/api/0/teams/" + org + "/theirs/projects/", admin.token(), "{\"name\": \"Not allowed\"}"));
        assertStatus(403, delete("/api/0/teams/" + org + "/theirs/", admin.token()));
    }

    // --- bad input ---

    @Test
    void badInputGetsSentrysAnswersAndChangesNothing() {
        People.Person owner = PEOPLE.fresh("badin");
        String org = organization(owner);
        team(owner, org, "core");
        project(owner, org, "core", "api");
        long projects = Fixtures.single("select count(*) from project");

        Api.Answer badSlug = post("/api/0/teams/" + org + "/core/projects/", owner.token(), "{\"name\": \"X\", \"slug\": \"Bad Slug!\"}");
        assertStatus(400, badSlug);
        assertEquals("{\"slug\":[\"Enter a valid slug consisting of lowercase letters, numbers, underscores or hyphens."
                + " It cannot be entirely numeric.\"]}", badSlug.text());
        assertStatus(400, post("/api/0/teams/" + org + "/core/projects/", owner.token(), "{\"name\": \"X\", \"slug\": \"12345\"}"));
        assertStatus(400, post("/api/0/teams/" + org + "/core/projects/", owner.token(), "{\"name\": \"X\", \"slug\": \"" + "a".repeat(51) + "\"}"));
        assertEquals("{\"name\":[\"This field may not be blank.\"]}",
                post("/api/0/teams/" + org + "/core/projects/", owner.token(), "{\"slug\": \"nameless\"}").text());
        Api.Answer duplicate = post("/api/0/teams/" + org + "/core/projects/", owner.token(), "{\"name\": \"Api\", \"slug\": \"api\"}");
        assertStatus(409, duplicate);
        assertEquals("{\"detail\":\"A project with this slug already exists.\"}", duplicate.text());
        assertStatus(404, post("/api/0/teams/" + org + "/no-such-team/projects/", owner.token(), "{\"name\": \"X\"}"));
        assertEquals(projects, Fixtures.single("select count(*) from project"), "nothing was created");

        Api.Answer duplicateTeam = post("/api/0/organizations/" + org + "/teams/", owner.token(), "{\"slug\": \"core\"}");
        assertStatus(409, duplicateTeam);
        assertEquals("{\"detail\":\"A team with this slug already exists.\"}", duplicateTeam.text());
        assertStatus(400, post("/api/0/organizations/" + org + "/teams/", owner.token(), "{}"));
        assertStatus(400, post("/api/0/organizations/" + org + "/teams/", owner.token(), "[1]"));
        assertStatus(400, post("/api/0/organizations/" + org + "/teams/", owner.token(), "{\"slug\": 5}"));

        Api.Answer badOrgSlug = Api.put("/api/0/organizations/" + org + "/", owner.token(), "{\"slug\": \"-bad-\"}");
        assertStatus(400, badOrgSlug);
        assertEquals("{\"slug\":[\"Enter a valid slug consisting of letters, numbers, or hyphens. It cannot be entirely"
                + " numeric or start/end with a hyphen.\"]}", badOrgSlug.text());
        Api.Answer takenOrgSlug = Api.put("/api/0/organizations/" + org + "/", owner.token(), "{\"slug\": \"the-rebel-alliance\"}");
        assertEquals("{\"slug\":[\"The slug \\\"the-rebel-alliance\\\" is already in use.\"]}", takenOrgSlug.text());
        assertStatus(409, post("/api/0/organizations/", owner.token(), "{\"name\": \"Dup\", \"slug\": \"the-rebel-alliance\"}"));

        People.Person stranger = PEOPLE.fresh("never-signed-in");
        assertStatus(400, post("/api/0/organizations/" + org + "/members/", owner.token(), "{\"email\": \"" + stranger.email() + "\"}"));
        People.Person dan = PEOPLE.fresh("dan").signedIn();
        Api.Answer unknownTeam = post("/api/0/organizations/" + org + "/members/", owner.token(),
                "{\"email\": \"" + dan.email() + "\", \"teams\": [\"nope\"]}");
        assertStatus(400, unknownTeam);
        assertEquals("{\"teams\":[\"Invalid team: nope\"]}", unknownTeam.text());
        assertStatus(400, post("/api/0/organizations/" + org + "/members/", owner.token(),
                "{\"email\": \"" + dan.email() + "\", \"orgRole\": \"emperor\"}"));
        member(owner, org, dan, "member");
        assertEquals("{\"email\":[\"The user " + dan.email() + " is already a member\"]}",
                post("/api/0/organizations/" + org + "/members/", owner.token(), "{\"email\": \"" + dan.email() + "\"}").text());
    }

    @Test
    void theLastOwnerCannotBeRemovedOrDemoted() {
        People.Person owner = PEOPLE.fresh("lastowner");
        String org = organization(owner);
        String ownerId = ownerId(org, owner);
        Api.Answer remove = delete("/api/0/organizations/" + org + "/members/" + ownerId + "/", owner.token());
        assertStatus(403, remove);
        assertEquals("{\"detail\":\"You cannot remove the only remaining owner of the organization.\"}", remove.text());
        Api.Answer demote = Api.put("/api/0/organizations/" + org + "/members/" + ownerId + "/", owner.token(), "{\"orgRole\": \"member\"}");
        assertStatus(400, demote);
        assertEquals("{\"detail\":\"You cannot make changes to your own role.\"}", demote.text());
        assertEquals("owner", role(org, owner));

        People.Person second = PEOPLE.fresh("secondowner").signedIn();
        String secondId = member(owner, org, second, "owner");
        ok(Api.put("/api/0/organizations/" + org + "/members/" + ownerId + "/", second.token(), "{\"orgRole\": \"manager\"}"));
        Api.Answer lastOne = delete("/api/0/organizations/" + org + "/members/" + secondId + "/", second.token());
        assertStatus(403, lastOne);
        assertEquals("manager", role(org, owner));
        assertEquals("owner", role(org, second));
    }

    // --- renaming, teams and members ---

    @Test
    void aRenamedProjectKeepsItsIssuesNumbersUnderTheNewSlug() {
        People.Person owner = PEOPLE.fresh("renamer");
        String org = organization(owner);
        team(owner, org, "core");
        long projectId = Long.parseLong(project(owner, org, "core", "old-name").getString("id"));
        long issue = Fixtures.newIssue(projectId, "kept");
        project(owner, org, "core", "taken");

        Api.Answer clash = Api.put("/api/0/projects/" + org + "/old-name/", owner.token(), "{\"slug\": \"taken\"}");
        assertEquals("{\"slug\":[\"Another project (taken) is already using that slug\"]}", clash.text());
        JsonObject renamed = ok(Api.put("/api/0/projects/" + org + "/old-name/", owner.token(),
                "{\"slug\": \"new-name\", \"name\": \"New Name\"}"));
        assertEquals("new-name", renamed.getString("slug"));
        assertEquals("NEW-NAME-1", ok(Api.get("/api/0/issues/" + issue + "/", owner.token())).getString("shortId"));
        assertEquals(issue, Long.parseLong(ok(Api.get("/api/0/organizations/" + org + "/issues/NEW-NAME-1/", owner.token()))
                .getString("id")));
        assertStatus(404, Api.get("/api/0/projects/" + org + "/old-name/", owner.token()));
    }

    @Test
    void teamsAreRenamedRemovedAndGivenProjectsAndMembers() {
        People.Person owner = PEOPLE.fresh("teams");
        String org = organization(owner);
        team(owner, org, "alpha");
        team(owner, org, "beta");
        project(owner, org, "alpha", "shared");
        JsonObject withBeta = created(post("/api/0/projects/" + org + "/shared/teams/beta/", owner.token(), null));
        assertEquals(List.of("alpha", "beta"), withBeta.getJsonArray("teams").stream().map(t -> t.asJsonObject().getString("slug")).toList());
        JsonObject withoutAlpha = ok(delete("/api/0/projects/" + org + "/shared/teams/alpha/", owner.token()));
        assertEquals(List.of("beta"), withoutAlpha.getJsonArray("teams").stream().map(t -> t.asJsonObject().getString("slug")).toList());

        JsonObject renamed = ok(Api.put("/api/0/teams/" + org + "/beta/", owner.token(), "{\"slug\": \"gamma\", \"name\": \"Gamma\"}"));
        assertEquals("gamma", renamed.getString("slug"));
        assertEquals("Gamma", ok(Api.get("/api/0/teams/" + org + "/gamma/", owner.token())).getString("name"));

        People.Person fay = PEOPLE.fresh("fay").signedIn();
        String fayId = member(owner, org, fay, "member");
        JsonObject joined = created(post("/api/0/organizations/" + org + "/members/" + fayId + "/teams/gamma/", owner.token(), null));
        assertEquals(2, joined.getInt("memberCount"));
        JsonObject fayNow = ok(Api.get("/api/0/organizations/" + org + "/members/" + fayId + "/", owner.token()));
        assertEquals(List.of("gamma"), fayNow.getJsonArray("teams").stream().map(t -> ((JsonString) t).getString()).toList());
        ok(delete("/api/0/organizations/" + org + "/members/" + fayId + "/teams/gamma/", owner.token()));
        assertEquals(JsonValue.EMPTY_JSON_ARRAY, ok(Api.get("/api/0/organizations/" + org + "/members/me/", fay.token()))
                .getJsonArray("teams"));

        assertStatus(204, delete("/api/0/teams/" + org + "/gamma/", owner.token()));
        assertStatus(404, Api.get("/api/0/teams/" + org + "/gamma/", owner.token()));
        assertEquals(JsonValue.EMPTY_JSON_ARRAY, ok(Api.get("/api/0/projects/" + org + "/shared/", owner.token())).getJsonArray("teams"));
        team(owner, org, "gamma");

        assertStatus(204, delete("/api/0/organizations/" + org + "/members/" + fayId + "/", owner.token()));
        assertNull(role(org, fay));
    }

    // --- removal ---

    @Test
    void aRemovedProjectAndItsIssuesAreGoneAndNothingElseIsTouched() {
        People.Person owner = PEOPLE.fresh("remover");
        String org = organization(owner);
        team(owner, org, "core");
        long doomed = Long.parseLong(project(owner, org, "core", "doomed").getString("id"));
        long kept = Long.parseLong(project(owner, org, "core", "kept").getString("id"));
        long doomedIssue = Fixtures.newIssue(doomed, "goes");
        long keptIssue = Fixtures.newIssue(kept, "stays");
        long elsewhere = Fixtures.newIssue(4, "the rebels' issue");

        assertStatus(204, delete("/api/0/projects/" + org + "/doomed/", owner.token()));
        assertStatus(404, Api.get("/api/0/projects/" + org + "/doomed/", owner.token()));
        assertStatus(404, Api.get("/api/0/issues/" + doomedIssue + "/", owner.token()));
        assertStatus(404, Api.get("/api/0/projects/" + org + "/" + doomed + "/issues/", owner.token()));
        assertEquals("pending_deletion", Fixtures.value("select status from project where id = ?", doomed));
        assertStatus(200, Api.get("/api/0/issues/" + keptIssue + "/", owner.token()));
        assertFalse(ok(Api.get("/api/0/organizations/" + org + "/", owner.token())).getJsonArray("projects").stream()
                .anyMatch(p -> p.asJsonObject().getString("id").equals(Long.toString(doomed))));
        project(owner, org, "core", "doomed");

        JsonObject removed = Api.send("DELETE", "/api/0/organizations/" + org + "/", owner.token(), null, List.of()).object();
        assertEquals("pending_deletion", removed.getJsonObject("status").getString("id"));
        assertStatus(404, Api.get("/api/0/organizations/" + org + "/", owner.token()));
        assertStatus(404, Api.get("/api/0/issues/" + keptIssue + "/", owner.token()));
        String orgId = removed.getString("id");
        assertStatus(404, Api.get("/api/0/organizations/" + orgId + "/issues/", owner.token()));
        assertStatus(404, Api.get("/api/0/organizations/" + orgId + "/", owner.token()));
        assertFalse(Api.get("/api/0/organizations/", owner.token()).array().stream()
                .anyMatch(o -> o.asJsonObject().getString("slug").equals(org)));
        assertEquals(false, Fixtures.value("select pending_deletion from issue where id = ?", elsewhere));
        assertEquals(200, Api.get("/api/0/issues/" + elsewhere + "/", Tokens.leia()).status());
        assertEquals("active", Fixtures.value("select status from organization where slug = 'the-rebel-alliance'"));
    }

    static String ownerId(String org, People.Person owner) {
        return Long.toString(Fixtures.single("select m.id from organization_member m join organization o on o.id = m.organization_id"
                + " join app_user u on u.id = m.user_id where o.slug = ? and u.jwt_subject = ?", org, owner.subject()));
    }

    /** The run command's owner scopes, as strings for Tokens.of. */
    static final class DemoServiceScopes {
        static final String[] OWNER = People.OWNER.toArray(String[]::new);
    }

    @Test
    void theDemoOrganizationsTeamsProjectsAndMembersCanBeMadeThroughTheApiAlone() {
        People.Person jane = PEOPLE.fresh("jane");
        People.Person john = PEOPLE.fresh("john").signedIn();
        People.Person leia = PEOPLE.fresh("leia");
        String interstellar = People.unique("the-interstellar-jurisdiction");
        created(post("/api/0/organizations/", jane.token(),
                "{\"name\": \"The Interstellar Jurisdiction\", \"slug\": \"" + interstellar + "\"}"));
        team(jane, interstellar, "powerful-abolitionist");
        created(post("/api/0/teams/" + interstellar + "/powerful-abolitionist/projects/", jane.token(),
                "{\"name\": \"Pump Station\", \"slug\": \"pump-station\"}"));
        created(post("/api/0/teams/" + interstellar + "/powerful-abolitionist/projects/", jane.token(),
                "{\"name\": \"Prime Mover\", \"slug\": \"prime-mover\", \"platform\": \"python\"}"));
        member(jane, interstellar, john, "member");
        String rebels = People.unique("the-rebel-alliance");
        created(post("/api/0/organizations/", leia.token(), "{\"name\": \"The Rebel Alliance\", \"slug\": \"" + rebels + "\"}"));
        team(leia, rebels, "rebels");
        created(post("/api/0/teams/" + rebels + "/rebels/projects/", leia.token(),
                "{\"name\": \"Echo Base\", \"slug\": \"echo-base\", \"platform\": \"javascript\"}"));

        // the same shape as the demo SQL's (README "Demo data"), read back through the API
        JsonObject copy = ok(Api.get("/api/0/organizations/" + interstellar + "/", jane.token()));
        JsonObject demo = ok(Api.get("/api/0/organizations/the-interstellar-jurisdiction/", Tokens.jane()));
        for (JsonObject org : List.of(copy, demo)) {
            assertEquals("The Interstellar Jurisdiction", org.getString("name"));
            assertEquals(List.of("powerful-abolitionist"), org.getJsonArray("teams").stream()
                    .map(t -> t.asJsonObject().getString("slug")).toList());
        }
        for (String slug : List.of("pump-station", "prime-mover")) {
            JsonObject mine = ok(Api.get("/api/0/projects/" + interstellar + "/" + slug + "/", jane.token()));
            JsonObject theirs = ok(Api.get("/api/0/projects/the-interstellar-jurisdiction/" + slug + "/", Tokens.jane()));
            assertEquals(theirs.getString("name"), mine.getString("name"));
            assertEquals(theirs.get("platform"), mine.get("platform"));
            assertEquals(List.of("powerful-abolitionist"), mine.getJsonArray("teams").stream()
                    .map(t -> t.asJsonObject().getString("slug")).toList());
        }
        assertEquals(List.of(List.of("owner"), List.of("member")), Fixtures.rows("select m.role from organization_member m"
                + " join organization o on o.id = m.organization_id where o.slug = ? order by m.id", interstellar));
        assertEquals(List.of(List.of(jane.userId())), Fixtures.rows("select tm.user_id from team_member tm join team t"
                + " on t.id = tm.team_id join organization o on o.id = t.organization_id where o.slug = ?", interstellar));
        assertEquals("javascript", ok(Api.get("/api/0/projects/" + rebels + "/echo-base/", leia.token())).getString("platform"));
        assertStatus(404, Api.get("/api/0/projects/" + rebels + "/echo-base/", jane.token()));
    }
}
