package dev.triage.issue.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.triage.issue.control.IssueUpdate.ActorRef;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IssueUpdateParserTest {

    static IssueUpdate parse(String json) {
        return IssueUpdateParser.parse(Json.createReader(new StringReader(json)).readValue());
    }

    static String errors(String json) {
        return assertThrows(InvalidUpdate.class, () -> parse(json)).errors().toString();
    }

    @Test
    void emptyObjectAsksForNothing() {
        assertTrue(parse("{}").isEmpty());
        assertTrue(parse("{\"unknown\": 1, \"snoozeDuration\": null}").isEmpty());
    }

    @ParameterizedTest
    @CsvSource({"true,true", "false,false", "'\"1\"',true", "'\"0\"',false", "'\"true\"',true", "'\"false\"',false",
            "'\"yes\"',true", "'\"off\"',false", "1,true", "0,false"})
    void booleansTakeSentrysSpellings(String value, boolean expected) {
        assertEquals(expected, parse("{\"hasSeen\": " + value + "}").hasSeen());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "[]", "\"maybe\"", "2", "null", "1.5"})
    void otherBooleansAreRefused(String value) {
        assertTrue(errors("{\"isBookmarked\": " + value + "}").startsWith("{\"isBookmarked\":[\""));
    }

    @Test
    void mutedMeansIgnored() {
        assertEquals("ignored", parse("{\"status\": \"muted\"}").status());
    }

    @Test
    void invalidChoicesNameTheValue() {
        assertEquals("{\"status\":[\"\\\"foo\\\" is not a valid choice.\"]}", errors("{\"status\": \"foo\"}"));
        assertEquals("{\"priority\":[\"\\\"7\\\" is not a valid choice.\"]}", errors("{\"priority\": 7}"));
        assertEquals("{\"status\":[\"This field may not be null.\"]}", errors("{\"status\": null}"));
    }

    @Test
    void substatusMayBeNull() {
        IssueUpdate update = parse("{\"status\": \"unresolved\", \"substatus\": null}");
        assertTrue(update.substatusGiven());
        assertNull(update.substatus());
    }

    @Test
    void ignoreConditionsAtTheTopOrNested() {
        IssueUpdate.Ignore top = parse("{\"status\": \"ignored\", \"ignoreDuration\": 30, \"ignoreCount\": 5}").ignore();
        assertEquals(30, top.duration());
        assertEquals(5, top.count());
        IssueUpdate.Ignore nested = parse("{\"statusDetails\": {\"ignoreUserCount\": 3, \"ignoreUserWindow\": 60}}").ignore();
        assertEquals(3, nested.userCount());
        assertEquals(60, nested.userWindow());
        assertEquals(15, parse("{\"snoozeDuration\": 15}").ignore().duration());
        assertTrue(parse("{\"statusDetails\": {\"ignoreUntilEscalating\": true}}").ignore().untilEscalating());
        assertFalse(parse("{\"ignoreCount\": 0}").ignore().hasCondition(), "zero means not set");
    }

    @Test
    void windowsAreAtMostAWeekAndCountsNotNegative() {
        assertEquals("{\"ignoreWindow\":[\"Ensure this value is less than or equal to 10080.\"]}",
                errors("{\"ignoreWindow\": 10081}"));
        assertEquals(10080, parse("{\"ignoreWindow\": 10080}").ignore().window());
        assertEquals("{\"ignoreCount\":[\"Ensure this value is greater than or equal to 0.\"]}",
                errors("{\"ignoreCount\": -1}"));
        assertEquals("{\"ignoreCount\":[\"A valid integer is required.\"]}", errors("{\"ignoreCount\": \"5\"}"));
        assertEquals("{\"ignoreCount\":[\"A valid integer is required.\"]}", errors("{\"ignoreCount\": 2.5}"));
        assertEquals("{\"ignoreCount\":[\"A valid integer is required.\"]}", errors("{\"ignoreCount\": 99999999999}"));
    }

    @Test
    void resolutions() {
        assertEquals("1.0.0", parse("{\"statusDetails\": {\"inRelease\": \"1.0.0\"}}").resolution().inRelease());
        assertTrue(parse("{\"statusDetails\": {\"inNextRelease\": \"1\"}}").resolution().inNextRelease());
        assertNull(parse("{\"statusDetails\": {\"inNextRelease\": false}}").resolution());
        IssueUpdate.CommitRef commit = parse("{\"statusDetails\": {\"inCommit\": {\"commit\": \"abc\","
                + " \"repository\": \"r\"}}}").resolution().inCommit();
        assertEquals(new IssueUpdate.CommitRef("abc", "r"), commit);
        assertEquals("{\"statusDetails\":{\"inCommit\":{\"repository\":[\"This field is required.\"]}}}",
                errors("{\"statusDetails\": {\"inCommit\": {\"commit\": \"abc\"}}}"));
        assertEquals("{\"statusDetails\":{\"inRelease\":[\"This field may not be blank.\"]}}",
                errors("{\"statusDetails\": {\"inRelease\": \" \"}}"));
    }

    @ParameterizedTest
    @CsvSource({"'\"2\"',USER_ID,2", "2,USER_ID,2", "'\"user:2\"',USER_ID,2", "'\"team:7\"',TEAM_ID,7",
            "'\"john\"',USER_NAME,john", "'\"john@example.com\"',USER_NAME,john@example.com"})
    void actorsInEveryForm(String value, ActorRef.Kind kind, String id) {
        IssueUpdate update = parse("{\"assignedTo\": " + value + "}");
        assertTrue(update.assigneeGiven());
        assertEquals(new ActorRef(kind, id), update.assignee());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\"", "null", "\"  \""})
    void emptyActorUnassigns(String value) {
        IssueUpdate update = parse("{\"assignedTo\": " + value + "}");
        assertTrue(update.assigneeGiven());
        assertNull(update.assignee());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"foo:bar\"", "\"user:\"", "\"team:x\"", "{}", "[]", "true", "0", "1.5"})
    void unparsableActors(String value) {
        assertEquals("{\"assignedTo\":[\"Could not parse actor. Format should be `type:id` where type is `team`"
                + " or `user`.\"]}", errors("{\"assignedTo\": " + value + "}"));
    }

    @Test
    void discardStandsAlone() {
        assertTrue(parse("{\"discard\": true}").discard());
        assertEquals("{\"non_field_errors\":[\"Other attributes cannot be updated when discarding\"]}",
                errors("{\"discard\": true, \"hasSeen\": true}"));
        assertEquals("{\"non_field_errors\":[\"Other attributes cannot be updated when discarding\"]}",
                errors("{\"discard\": false, \"status\": \"resolved\"}"));
    }

    @Test
    void everyProblemIsNamedAtOnce() {
        String all = errors("{\"status\": \"x\", \"hasSeen\": \"x\", \"statusDetails\": {\"ignoreWindow\": 99999}}");
        assertTrue(all.contains("\"status\""));
        assertTrue(all.contains("\"hasSeen\""));
        assertTrue(all.contains("\"statusDetails\":{\"ignoreWindow\""));
    }

    @ParameterizedTest
    @CsvSource({"'[]',list", "'\"x\"',str", "'3',int", "'true',bool", "'null',NoneType", "'2.5',float"})
    void onlyObjectsAreBodies(String json, String type) {
        InvalidUpdate e = assertThrows(InvalidUpdate.class,
                () -> IssueUpdateParser.parse(Json.createReader(new StringReader(json)).readValue()));
        assertEquals("{\"non_field_errors\":[\"Invalid data. Expected a dictionary, but got " + type + ".\"]}",
                e.errors().toString());
    }

    @Test
    void aMissingBodyIsNoObjectEither() {
        assertThrows(InvalidUpdate.class, () -> IssueUpdateParser.parse((JsonValue) null));
    }
}
