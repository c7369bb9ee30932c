package dev.overtime.platform.cli;

import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.net.URI;
import java.net.URISyntaxException;

/** {@code --endpoint}: where the running platform a command talks to listens. */
final class EndpointOption {

    @Option(names = {"-e", "--endpoint"}, defaultValue = "http://127.0.0.1:9000", paramLabel = "URL",
            converter = HttpUrl.class, description = "A running platform (default: ${DEFAULT-VALUE})")
    URI endpoint;

    PlatformClient client() {
        return new PlatformClient(endpoint);
    }

    /** Refuses what the HTTP client would reject later with a cryptic message, such as a missing scheme. */
    static final class HttpUrl implements CommandLine.ITypeConverter<URI> {
        @Override
        public URI convert(String value) {
            try {
                URI uri = new URI(value);
                if (("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                        && uri.getHost() != null) {
                    return uri;
                }
            } catch (URISyntaxException e) {
                // Reported below, like any other value that is not an http(s) URL.
            }
            throw new CommandLine.TypeConversionException("expected a URL such as http://127.0.0.1:9000, got '"
                    + value + "'");
        }
    }
}
