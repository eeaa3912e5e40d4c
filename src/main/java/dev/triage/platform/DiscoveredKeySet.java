package dev.triage.platform;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.ResourceRetriever;
import java.io.IOException;
import java.net.URI;
import java.net.URL;

/**
 * The key set of an OpenID Connect provider found through its discovery document: the
 * {@code jwks_uri} is looked up on the first fetch and again after a failed one, so a provider
 * that was down at start is found when it comes up.
 */
final class DiscoveredKeySet implements JWKSetSource<SecurityContext> {

    private final URL discovery;
    private final ResourceRetriever retriever;
    private volatile URLBasedJWKSetSource<SecurityContext> keySet;

    DiscoveredKeySet(URL discovery, ResourceRetriever retriever) {
        this.discovery = discovery;
        this.retriever = retriever;
    }

    @Override
    public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator refresh, long now, SecurityContext context)
            throws KeySourceException {
        URLBasedJWKSetSource<SecurityContext> source = keySet;
        if (source == null) {
            source = new URLBasedJWKSetSource<>(jwksUri(), retriever);
        }
        try {
            JWKSet set = source.getJWKSet(refresh, now, context);
            keySet = source;
            return set;
        } catch (KeySourceException e) {
            keySet = null;
            throw e;
        }
    }

    private URL jwksUri() throws KeySourceException {
        try {
            String document = retriever.retrieveResource(discovery).getContent();
            String uri = JSONObjectUtils.getString(JSONObjectUtils.parse(document), "jwks_uri");
            if (uri == null) {
                throw new KeySourceException("The discovery document " + discovery + " has no jwks_uri");
            }
            return URI.create(uri).toURL();
        } catch (IOException | java.text.ParseException | IllegalArgumentException e) {
            throw new KeySourceException("Cannot read the discovery document " + discovery + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        // nothing held open
    }
}
