package org.selfsup4j.core.spi;

/** The kinds of component a plugin can contribute, with the words the CLI uses for them. */
public enum ComponentKind {
    AUGMENTER("augmenter"),
    PRETEXT_TASK("pretext task"),
    LOSS("loss"),
    BACKBONE("backbone");

    private final String displayName;

    ComponentKind(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
