package org.selfsup4j.core.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;

/**
 * A typed, read-tracking view of a component's settings ({@code key=value} strings). A factory reads what it needs
 * with a default; afterwards {@link #requireAllKeysRead(String)} turns any key nobody read into an error that
 * names it and lists the keys the component understands, so a misspelt setting fails before training starts.
 *
 * <p>Not thread-safe: a view belongs to the one factory call that reads it.
 */
public final class ComponentConfig {
    private final Map<String, String> values;
    private final Set<String> read = new LinkedHashSet<>();

    public ComponentConfig(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(values, "values is null")));
    }

    public static ComponentConfig empty() {
        return new ComponentConfig(Map.of());
    }

    /**
     * Parses "a=1,b=two,c=[x,y(k=1)]" (blank gives an empty view). A list value is written in square brackets, its
     * items separated by {@code ,}; commas inside brackets or parentheses do not separate settings.
     */
    public static ComponentConfig parse(String text) {
        Map<String, String> map = new LinkedHashMap<>();
        if (text != null && !text.isBlank()) {
            for (String pair : ComponentSpec.splitTopLevel(text)) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new SelfSupException(ErrorCode.BAD_CONFIG_VALUE,
                            "Bad setting [" + pair.trim() + "], expected key=value", pair.trim(), List.of(), null);
                }
                map.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        return new ComponentConfig(map);
    }

    public String getString(String key, String defaultValue) {
        read.add(key);
        return values.getOrDefault(key, defaultValue);
    }

    public int getInt(String key, int defaultValue) {
        String v = getString(key, null);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw badValue(key, v, "a whole number");
        }
    }

    public double getDouble(String key, double defaultValue) {
        String v = getString(key, null);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw badValue(key, v, "a number");
        }
    }

    public boolean getBoolean(String key, boolean defaultValue) {
        String v = getString(key, null);
        if (v == null) {
            return defaultValue;
        }
        if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
            throw badValue(key, v, "true or false");
        }
        return Boolean.parseBoolean(v);
    }

    /**
     * A list setting, written {@code key=[a,b,c]} (or {@code key=a} for one item); items are trimmed, must not be
     * empty, and may carry settings in parentheses ({@link ComponentSpec}). Returns {@code defaultValue} when the key
     * is absent.
     */
    public List<String> getList(String key, List<String> defaultValue) {
        String v = getString(key, null);
        if (v == null) {
            return defaultValue;
        }
        String body = v;
        if (v.startsWith("[") && v.endsWith("]")) {
            body = v.substring(1, v.length() - 1);
        } else if (v.contains("[") || v.contains("]") || ComponentSpec.splitTopLevel(v).size() > 1) {
            throw badValue(key, v, "a list written [a,b,c]");
        }
        List<String> items = new ArrayList<>();
        for (String item : ComponentSpec.splitTopLevel(body)) {
            if (item.isBlank()) {
                throw badValue(key, v, "a list of non-empty items written [a,b,c]");
            }
            items.add(item.trim());
        }
        return List.copyOf(items);
    }

    /**
     * A list of components, each with optional settings and each named once ({@code key=[a,b(k=v)]}); absent:
     * {@code defaultList}, written the same way. A name listed twice is an error naming the item.
     */
    public List<ComponentSpec> getSpecs(String key, String defaultList) {
        List<String> items = getList(key, ComponentConfig.parse("d=" + defaultList).getList("d", List.of()));
        List<ComponentSpec> specs = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String item : items) {
            ComponentSpec spec = ComponentSpec.parse(item);
            if (!seen.add(spec.name())) {
                throw badValue(key, item, "each item listed once");
            }
            specs.add(spec);
        }
        return List.copyOf(specs);
    }

    /** An error for a value of the right key but the wrong kind or range. */
    public SelfSupException badValue(String key, String value, String expected) {
        return new SelfSupException(ErrorCode.BAD_CONFIG_VALUE,
                "Bad value [" + value + "] for setting [" + key + "], expected " + expected, value, List.of(), null);
    }

    /** Fails if a key was given that {@code component} never read; lists the keys it did read. */
    public void requireAllKeysRead(String component) {
        List<String> unknown = new ArrayList<>();
        for (String key : values.keySet()) {
            if (!read.contains(key)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            List<String> known = new ArrayList<>(new TreeSet<>(read));
            throw new SelfSupException(ErrorCode.UNKNOWN_CONFIG_KEY,
                    "Unknown setting " + unknown + " for [" + component + "], known: " + known,
                    unknown.get(0), known, null);
        }
    }

    /** All given values, for recording in run.json. */
    public Map<String, String> asMap() {
        return values;
    }
}
