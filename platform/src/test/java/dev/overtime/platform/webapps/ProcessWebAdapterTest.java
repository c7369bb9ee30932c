package dev.overtime.platform.webapps;

import org.junit.jupiter.api.BeforeAll;

/** The web adapter as its own JVM per environment, the external extension lambda-adapter (serve --web-adapter process). */
class ProcessWebAdapterTest extends WebAdapterEndToEndTest {

    @BeforeAll
    static void startAsProcess() throws Exception {
        start(false);
    }
}
