package dev.triage.it;

import java.io.File;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The integration suite: one Payara Micro boot (Arquillian deploys the WAR that Maven built, the
 * same artifact the run command and the Dockerfile use) shared by every group of tests below.
 * Each group lives in its own file; the tests talk real HTTP to the service, which talks to a
 * real PostgreSQL, with real signed JWTs.
 */
@ExtendWith(ArquillianExtension.class)
class ApiIT {

    @Deployment(testable = false)
    static WebArchive service() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("triage.war")));
    }

    @Nested
    class Retrieve extends RetrieveIssueTests {}

    @Nested
    class Authentication extends AuthenticationTests {}

    @Nested
    class TokenRules extends TokenRulesTests {}

    @Nested
    class OpenIdProvider extends IdentityProviderTests {}

    @Nested
    class Metrics extends MetricsTests {}

    @Nested
    class OpenApi extends OpenApiTests {}

    @Nested
    class RouteMethods extends RouteMethodsTests {}

    @Nested
    class Update extends UpdateIssueTests {}

    @Nested
    class Concurrency extends ConcurrencyTests {}

    @Nested
    class Bulk extends BulkTests {}

    @Nested
    class Hardening extends HardeningTests {}

    @Nested
    class DatabaseOutage extends DatabaseOutageTests {}

    @Nested
    class SentryCli extends SentryCliTests {}

    @Nested
    class SentryApiClient extends SentryApiClientTests {}

    @Nested
    class OrganizationRead extends OrganizationReadTests {}

    @Nested
    class ListPaging extends ListPagingTests {}

    @Nested
    class SentryCliAuth extends SentryCliAuthTests {}

    @Nested
    class SentryApiOrganizations extends SentryApiOrganizationTests {}

    @Nested
    class Fidelity extends FidelityTests {}

    @Nested
    class Comments extends CommentTests {}

    @Nested
    class Administration extends AdministrationTests {}

    @Nested
    class SentryCliOrganizations extends SentryCliOrganizationTests {}

    @Nested
    class ClientKeys extends ClientKeyTests {}

    @Nested
    class Ingestion extends IngestTests {}

    @Nested
    class SentrySdks extends SentrySdkTests {}

    @Nested
    class TriageRules extends TriageRuleTests {}

    @Nested
    class KeyRateLimits extends KeyRateLimitTests {}

    @Nested
    class ReleaseCommits extends ReleaseCommitTests {}
}
