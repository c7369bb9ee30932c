package dev.overtime.platform.appsync.vtl;

import java.text.Normalizer;
import java.util.Locale;

/** {@code $util.str}. A null string gives null. */
public final class VtlStr {
    static final VtlStr INSTANCE = new VtlStr();

    private VtlStr() {
    }

    public String toUpper(Object value) {
        return value == null ? null : value.toString().toUpperCase(Locale.ROOT);
    }

    public String toLower(Object value) {
        return value == null ? null : value.toString().toLowerCase(Locale.ROOT);
    }

    /** Replaces every occurrence of {@code target} (literally, not as a pattern). */
    public String toReplace(Object value, Object target, Object replacement) {
        if (value == null) {
            return null;
        }
        if (target == null || target.toString().isEmpty()) {
            return value.toString();
        }
        return value.toString().replace(target.toString(), replacement == null ? "" : replacement.toString());
    }

    /** Unicode normalization; {@code form} is {@code nfc}, {@code nfd}, {@code nfkc} or {@code nfkd}. */
    public String normalize(Object value, Object form) {
        if (value == null) {
            return null;
        }
        Normalizer.Form normalizerForm;
        try {
            normalizerForm = Normalizer.Form.valueOf(String.valueOf(form).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown normalization form '" + form + "' (nfc, nfd, nfkc or nfkd)", e);
        }
        return Normalizer.normalize(value.toString(), normalizerForm);
    }
}
