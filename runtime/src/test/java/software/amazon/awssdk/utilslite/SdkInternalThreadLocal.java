package software.amazon.awssdk.utilslite;

import java.util.HashMap;
import java.util.Map;

/**
 * Test stand-in for the AWS SDK's class of the same name (same public API): the runtime fills it
 * with the trace id when several loops run at once.
 */
public final class SdkInternalThreadLocal {
    private static final ThreadLocal<Map<String, String>> STORAGE = ThreadLocal.withInitial(HashMap::new);

    private SdkInternalThreadLocal() {
    }

    public static void put(String key, String value) {
        if (value == null) {
            STORAGE.get().remove(key);
        } else {
            STORAGE.get().put(key, value);
        }
    }

    public static String get(String key) {
        return STORAGE.get().get(key);
    }

    public static String remove(String key) {
        return STORAGE.get().remove(key);
    }
}
