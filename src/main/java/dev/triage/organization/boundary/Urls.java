package dev.triage.organization.boundary;

/**
 * The two base URLs an answer may name: the web front end ({@code BASE_URL}) and the address this
 * request reached the API at.
 */
public record Urls(String frontEnd, String api) {

    static Urls of(String baseUrl, java.net.URI requestBase) {
        String api = requestBase.getScheme() + "://" + requestBase.getAuthority();
        return new Urls(strip(baseUrl), api);
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
