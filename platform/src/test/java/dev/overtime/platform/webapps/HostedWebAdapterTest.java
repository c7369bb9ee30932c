package dev.overtime.platform.webapps;

import org.junit.jupiter.api.BeforeAll;

/** The web adapter as serve runs it by default: hosted in the platform, one per environment. */
class HostedWebAdapterTest extends WebAdapterEndToEndTest {

    @BeforeAll
    static void startHosted() throws Exception {
        start(true);
    }
}
