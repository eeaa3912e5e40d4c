package dev.triage.issue.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.triage.issue.control.IgnoreConditions;
import dev.triage.issue.control.InvalidUpdate;
import dev.triage.issue.control.IssueUpdate;
import dev.triage.issue.control.IssueUpdate.ActorRef;
import dev.triage.issue.control.UpdateStatus;
import dev.triage.issue.entity.IssueStatus;
import dev.triage.platform.JsonFactory;
import jakarta.json.JsonValue;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UpdateBodyParserTest {

    static IssueUpdate parse(String json) {
        return UpdateBodyParser.parse(JsonFactory.JSON.createReader(new StringReader(json)).readValue());
    }

    /** The field dictionary the refusal answers with, as JSON text. */
    static String errors(String json) {
        return asJson(assertThrows(InvalidUpdate.class, () -> parse(json)));
    }

    static String asJson(InvalidUpdate refused) {
        return JsonFactory.JSON.createObjectBuilder(refused.errors()).build().toString();
    }

    /** A body with one key set to a JSON value. */
    static String body(String key, String value) {
        return """
                {"%s": %s}""".formatted(key, value);
    }

    @Test
    void emptyObjectAsksForNothing() {
        assertTrue(parse("{}").isEmpty());
        assertTrue(parse("""
                {"unknown": 1, "snoozeDuration": null}""").isEmpty());
    }

    @ParameterizedTest
    @CsvSource({"true,true", "false,false", "'\"1\"',true", "'\"0\"',false", "'\"true\"',true", "'\"false\"',false",
            "'\"yes\"',true", "'\"off\"',false", "1,true", "0,false"})
    void booleansTakeSentrysSpellings(String value, boolean expected) {
        assertEquals(expected, parse(body("hasSeen", value)).hasSeen());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "[]", "\"maybe\"", "2", "null", "1.5"})
    void otherBooleansAreRefused(String value) {
        assertTrue(errors(body("isBookmarked", value)).startsWith("""
                {"isBookmarked":[\""""));
    }

    @Test
    void mutedMeansIgnoredAndIsCarriedAsSent() {
        UpdateStatus muted = parse("""
                {"status": "muted"}""").status();
        assertEquals(IssueStatus.IGNORED, muted.target());
        assertEquals("muted", muted.wireName());
    }

    @Test
    void invalidChoicesNameTheValue() {
        assertEquals("""
                {"status":["\\"foo\\" is not a valid choice."]}""", errors("""
                {"status": "foo"}"""));
        assertEquals("""
                {"priority":["\\"7\\" is not a valid choice."]}""", errors("""
                {"priority": 7}"""));
        assertEquals("""
                {"status":["This field may not be null."]}""", errors("""
                {"status": null}"""));
    }

    @Test
    void substatusMayBeNull() {
        IssueUpdate update = parse("""
                {"status": "unresolved", "substatus": null}""");
        assertTrue(update.substatusGiven());
        assertNull(update.substatus());
    }

    @Test
    void ignoreConditionsAtTheTopOrNested() {
        IgnoreConditions top = parse("""
                {"status": "ignored", "ignoreDuration": 30, "ignoreCount": 5}""").ignore();
        assertEquals(30, top.duration());
        assertEquals(5, top.count());
        IgnoreConditions nested = parse("""
                {"statusDetails": {"ignoreUserCount": 3, "ignoreUserWindow": 60}}""").ignore();
        assertEquals(3, nested.userCount());
        assertEquals(60, nested.userWindow());
        assertEquals(15, parse("""
                {"snoozeDuration": 15}""").ignore().duration());
        assertTrue(parse("""
                {"statusDetails": {"ignoreUntilEscalating": true}}""").ignore().untilEscalating());
        assertFalse(parse("""
                {"ignoreCount": 0}""").ignore().hasCondition(), "zero means not set");
    }

    @Test
    void windowsAreAtMostAWeekAndCountsNotNegative() {
        assertEquals("""
                {"ignoreWindow":["Ensure this value is less than or equal to 10080."]}""",
                errors(body("ignoreWindow", "10081")));
        assertEquals(10080, parse(body("ignoreWindow", "10080")).ignore().window());
        assertEquals("""
                {"ignoreCount":["Ensure this value is greater than or equal to 0."]}""",
                errors(body("ignoreCount", "-1")));
        String notAnInteger = """
                {"ignoreCount":["A valid integer is required."]}""";
        assertEquals(notAnInteger, errors(body("ignoreCount", "\"5\"")));
        assertEquals(notAnInteger, errors(body("ignoreCount", "2.5")));
        assertEquals(notAnInteger, errors(body("ignoreCount", "99999999999")));
    }

    @Test
    void resolutions() {
        assertEquals("1.0.0", parse("""
                {"statusDetails": {"inRelease": "1.0.0"}}""").resolveIn().release());
        assertTrue(parse("""
                {"statusDetails": {"inNextRelease": "1"}}""").resolveIn().nextRelease());
        assertNull(parse("""
                {"statusDetails": {"inNextRelease": false}}""").resolveIn());
        IssueUpdate.CommitRef commit = parse("""
                {"statusDetails": {"inCommit": {"commit": "abc", "repository": "r"}}}""").resolveIn().commit();
        assertEquals(new IssueUpdate.CommitRef("abc", "r"), commit);
        assertEquals("""
                {"statusDetails":{"inCommit":{"repository":["This field is required."]}}}""", errors("""
                {"statusDetails": {"inCommit": {"commit": "abc"}}}"""));
        assertEquals("""
                {"statusDetails":{"inRelease":["This field may not be blank."]}}""", errors("""
                {"statusDetails": {"inRelease": " "}}"""));
    }

    @ParameterizedTest
    @CsvSource({"'\"2\"',USER_ID,2", "2,USER_ID,2", "'\"user:2\"',USER_ID,2", "'\"team:7\"',TEAM_ID,7",
            "'\"john\"',USER_NAME,john", "'\"john@example.com\"',USER_NAME,john@example.com"})
    void actorsInEveryForm(String value, ActorRef.Kind kind, String id) {
        IssueUpdate update = parse(body("assignedTo", value));
        assertTrue(update.assigneeGiven());
        assertEquals(new ActorRef(kind, id), update.assignee());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\"", "null", "\"  \""})
    void emptyActorUnassigns(String value) {
        IssueUpdate update = parse(body("assignedTo", value));
        assertTrue(update.assigneeGiven());
        assertNull(update.assignee());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"foo:bar\"", "\"user:\"", "\"team:x\"", "{}", "[]", "true", "0", "1.5"})
    void unparsableActors(String value) {
        assertEquals("""
                {"assignedTo":["Could not parse actor. Format should be `type:id` where type is `team` or `user`."]}""",
                errors(body("assignedTo", value)));
    }

    @Test
    void discardStandsAlone() {
        assertTrue(parse(body("discard", "true")).discard());
        String alone = """
                {"non_field_errors":["Other attributes cannot be updated when discarding"]}""";
        assertEquals(alone, errors("""
                {"discard": true, "hasSeen": true}"""));
        assertEquals(alone, errors("""
                {"discard": false, "status": "resolved"}"""));
    }

    @Test
    void everyProblemIsNamedAtOnce() {
        String all = errors("""
                {"status": "x", "hasSeen": "x", "statusDetails": {"ignoreWindow": 99999}}""");
        assertTrue(all.contains("\"status\""));
        assertTrue(all.contains("\"hasSeen\""));
        assertTrue(all.contains("""
                "statusDetails":{"ignoreWindow\""""));
    }

    @ParameterizedTest
    @CsvSource({"'[]',list", "'\"x\"',str", "'3',int", "'true',bool", "'null',NoneType", "'2.5',float"})
    void onlyObjectsAreBodies(String json, String type) {
        InvalidUpdate e = assertThrows(InvalidUpdate.class, () -> parse(json));
        assertEquals("""
                {"non_field_errors":["Invalid data. Expected a dictionary, but got %s."]}""".formatted(type),
                asJson(e));
    }

    @Test
    void aMissingBodyIsNoObjectEither() {
        assertThrows(InvalidUpdate.class, () -> UpdateBodyParser.parse((JsonValue) null));
    }
}
