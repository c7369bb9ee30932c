package dev.overtime.platform.appsync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The installed npm clients are exactly the lockfile's. */
class NodeScriptsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void run_installsTheLockfilesVersions_andReturnsTheScriptsLines() throws Exception {
        NodeScripts.Run run = NodeScripts.run(Duration.ofSeconds(60), "versions.mjs");
        assertEquals(0, run.exitCode(), run.stderr());
        JsonNode lock = JSON.readTree(Files.readString(NodeScripts.folder().resolve("package-lock.json")));
        Map<String, String> installed = new LinkedHashMap<>();
        Map<String, String> locked = new LinkedHashMap<>();
        for (String line : run.stdout()) {
            JsonNode dependency = JSON.readTree(line);
            String name = dependency.path("name").asText();
            installed.put(name, dependency.path("version").asText());
            locked.put(name, lock.path("packages").path("node_modules/" + name).path("version").asText());
        }
        assertEquals(6, installed.size(), run.stdout().toString());
        assertEquals(locked, installed);
        assertEquals("6.4.2", installed.get("graphql-ws"));
        assertEquals("4.0.3", installed.get("aws-appsync-subscription-link"));
    }
}
