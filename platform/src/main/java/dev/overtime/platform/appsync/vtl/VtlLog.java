package dev.overtime.platform.appsync.vtl;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.stream.Collectors;

/** {@code $util.log}: AppSync writes these to CloudWatch; here they go to the platform's log. */
public final class VtlLog {
    static final VtlLog INSTANCE = new VtlLog();
    private static final Logger LOG = LoggerFactory.getLogger("dev.overtime.appsync.vtl");

    private VtlLog() {
    }

    public String info(Object... values) {
        if (LOG.isInfoEnabled()) {
            LOG.info(join(values));
        }
        return "";
    }

    public String error(Object... values) {
        LOG.error(join(values));
        return "";
    }

    private static String join(Object[] values) {
        return values == null ? "null" : Arrays.stream(values).map(String::valueOf).collect(Collectors.joining(" "));
    }
}
