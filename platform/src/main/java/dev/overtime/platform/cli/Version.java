package dev.overtime.platform.cli;

import picocli.CommandLine;

/** The version printed by {@code --version}. */
final class Version implements CommandLine.IVersionProvider {
    static final String VALUE = "0.1.0";

    @Override
    public String[] getVersion() {
        return new String[]{"overtime " + VALUE};
    }
}
