# The runnable jar (mvn package builds target/issue-triage.jar: Payara Micro, the WAR and
# server-config/ in one file) on a Java 25 runtime, started with the same line as the README's
# production section and the RunnableJarIT test: java -jar issue-triage.jar --port "$PORT".
# Configure it with the environment variables of the README's configuration table, e.g.
#   docker run -p 8080:8080 -e DB_URL=jdbc:postgresql://db:5432/triage -e DB_USER=triage \
#     -e DB_PASSWORD=... -e MP_JWT_VERIFY_PUBLICKEY_LOCATION=https://idp.example.com/realms/acme/.well-known/openid-configuration \
#     -e MP_JWT_VERIFY_ISSUER=https://idp.example.com/realms/acme -e BASE_URL=https://sentry.example.com issue-triage
FROM eclipse-temurin:25-jre

RUN groupadd --system triage && useradd --system --gid triage --home-dir /opt/issue-triage triage
WORKDIR /opt/issue-triage
COPY --chown=triage:triage target/issue-triage.jar /opt/issue-triage/issue-triage.jar
# the service's JVM options, the same file the run command and the tests pass (README "Benchmark")
COPY --chown=triage:triage server-config/jvm.options /opt/issue-triage/jvm.options
USER triage

ENV PORT=8080
# see DemoService.ENVIRONMENT: fewer malloc arenas, smaller resident size
ENV MALLOC_ARENA_MAX=2
EXPOSE 8080

# JAVA_OPTS: extra JVM options (heap, GC); the shell only expands them and PORT, then exec hands
# the process to java so that it gets SIGTERM directly (requests running then get 3 s to finish).
ENTRYPOINT ["sh", "-c", "exec java @/opt/issue-triage/jvm.options $JAVA_OPTS -jar /opt/issue-triage/issue-triage.jar --port \"$PORT\" --shutdowngrace 3000"]
