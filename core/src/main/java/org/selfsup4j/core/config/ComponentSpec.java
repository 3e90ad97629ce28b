package org.selfsup4j.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;

/**
 * A component named with its settings, written {@code name} or {@code name(key=value;key=value)} (commas may
 * separate the settings too): one step of an augmentation pipeline, one item of a list setting such as
 * {@code corruptions=[jpeg(quality=10),pixelate]}.
 */
public record ComponentSpec(String name, ComponentConfig config) {
    public ComponentSpec {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(config, "config is null");
    }

    /** Parses one {@code name(settings)} token. */
    public static ComponentSpec parse(String token) {
        String t = token.trim();
        int open = t.indexOf('(');
        if (open < 0) {
            if (t.isEmpty() || t.contains(")")) {
                throw bad(token);
            }
            return new ComponentSpec(t, ComponentConfig.empty());
        }
        if (!t.endsWith(")") || open == 0) {
            throw bad(token);
        }
        return new ComponentSpec(t.substring(0, open).trim(),
                ComponentConfig.parse(t.substring(open + 1, t.length() - 1).replace(';', ',')));
    }

    /**
     * Splits {@code text} at the commas outside parentheses and square brackets; items are trimmed. Unbalanced
     * brackets are an error naming the text.
     */
    public static List<String> splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '(' || ch == '[') {
                depth++;
            } else if (ch == ')' || ch == ']') {
                depth--;
                if (depth < 0) {
                    throw new SelfSupException(ErrorCode.BAD_CONFIG_VALUE, "Bad settings [" + text + "]: the '" + ch
                            + "' at position " + (i + 1) + " closes nothing", text, List.of(), null);
                }
            } else if (ch == ',' && depth == 0) {
                parts.add(text.substring(start, i).trim());
                start = i + 1;
            }
        }
        if (depth != 0) {
            throw new SelfSupException(ErrorCode.BAD_CONFIG_VALUE, "Bad settings [" + text + "]: a bracket is not "
                    + "closed (lists are written key=[a,b,c], settings name(key=value))", text, List.of(), null);
        }
        parts.add(text.substring(start).trim());
        return parts;
    }

    private static SelfSupException bad(String token) {
        return new SelfSupException(ErrorCode.BAD_CONFIG_VALUE, "Bad component [" + token + "], expected name or "
                + "name(key=value;key=value), for example pad-crop(pad=2)", token, List.of(), null);
    }
}
