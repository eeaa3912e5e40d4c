# The service on the official Payara Micro 7 image, started with the same line as the run command
# (README) and the tests. Build the WAR first: mvn package -DskipTests
# Configure it with the environment variables of the README's configuration table, e.g.
#   docker run -p 8080:8080 -e DB_URL=jdbc:postgresql://db:5432/triage -e DB_USER=triage \
#     -e DB_PASSWORD=... -e MP_JWT_VERIFY_PUBLICKEY_LOCATION=https://idp.example.com/jwks.json \
#     -e MP_JWT_VERIFY_ISSUER=https://idp.example.com/ -e BASE_URL=https://sentry.example.com issue-triage
FROM payara/micro:7.2025.1-jdk21

COPY --chown=payara:payara server-config/ /opt/payara/server-config/
COPY --chown=payara:payara target/issue-triage.war /opt/payara/deployments/issue-triage.war

ENV PORT=8080
EXPOSE 8080

ENTRYPOINT ["sh", "-c", "exec java -XX:+UseContainerSupport -XX:MaxRAMPercentage=75 -jar /opt/payara/payara-micro.jar --deploy /opt/payara/deployments/issue-triage.war --contextroot / --port \"$PORT\" --nocluster --shutdowngrace 3000 --prebootcommandfile /opt/payara/server-config/pre-boot-commands.asadmin --logproperties /opt/payara/server-config/logging.properties"]
