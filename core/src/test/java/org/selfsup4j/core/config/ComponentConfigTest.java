package org.selfsup4j.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;

class ComponentConfigTest {
    @Test
    void unreadKeyIsAnErrorListingTheKnownKeys() {
        ComponentConfig c = ComponentConfig.parse("pad=2, pda=3");
        assertEquals(2, c.getInt("pad", 4));
        c.getDouble("p", 0.5);
        SelfSupException e = assertThrows(SelfSupException.class, () -> c.requireAllKeysRead("pad-crop"));
        assertEquals(ErrorCode.UNKNOWN_CONFIG_KEY, e.code());
        assertEquals("Unknown setting [pda] for [pad-crop], known: [p, pad]", e.getMessage());
    }

    @Test
    void badNumberNamesKeyAndValue() {
        ComponentConfig c = ComponentConfig.parse("width=wide");
        SelfSupException e = assertThrows(SelfSupException.class, () -> c.getInt("width", 32));
        assertTrue(e.getMessage().contains("[wide]") && e.getMessage().contains("[width]"));
    }

    @Test
    void settingWithoutEqualsIsRejected() {
        assertThrows(SelfSupException.class, () -> ComponentConfig.parse("pad"));
    }
}
