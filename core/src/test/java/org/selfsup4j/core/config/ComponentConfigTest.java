package org.selfsup4j.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
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

    @Test
    void listSettingsKeepTheirCommasAndItemSettings() {
        ComponentConfig c = ComponentConfig.parse("corruptions=[jpeg(quality=5,p=1),pixelate], hidden=8");
        assertEquals(List.of("jpeg(quality=5,p=1)", "pixelate"), c.getList("corruptions", List.of()));
        assertEquals(8, c.getInt("hidden", 0));
        assertEquals(List.of("jpeg"), ComponentConfig.parse("c=jpeg").getList("c", List.of()));
        assertEquals(List.of("x"), ComponentConfig.empty().getList("c", List.of("x")));
        ComponentSpec spec = ComponentSpec.parse("jpeg(quality=5;p=1)");
        assertEquals("jpeg", spec.name());
        assertEquals(Map.of("quality", "5", "p", "1"), spec.config().asMap());
    }

    @Test
    void malformedListsNameTheText() {
        SelfSupException open = assertThrows(SelfSupException.class, () -> ComponentConfig.parse("c=[a,b"));
        assertTrue(open.getMessage().contains("not closed") && open.getMessage().contains("c=[a,b"), open.getMessage());
        assertThrows(SelfSupException.class, () -> ComponentConfig.parse("c=a]"));
        assertThrows(SelfSupException.class, () -> ComponentConfig.parse("c=[a,,b]").getList("c", List.of()));
        assertThrows(SelfSupException.class, () -> ComponentConfig.parse("c=[]").getList("c", List.of()));
        assertThrows(SelfSupException.class, () -> ComponentSpec.parse("jpeg(quality=5"));
        assertThrows(SelfSupException.class, () -> ComponentSpec.parse("(quality=5)"));
    }

    @Test
    void specListsParseSettingsFallBackToTheDefaultAndRefuseANameTwice() {
        List<ComponentSpec> specs = ComponentConfig.parse("v=[a,b(k=1;j=x)]").getSpecs("v", "[z]");
        assertEquals(List.of("a", "b"), specs.stream().map(ComponentSpec::name).toList());
        assertEquals("1", specs.get(1).config().asMap().get("k"));
        assertEquals("z", ComponentConfig.empty().getSpecs("v", "[z]").get(0).name());
        SelfSupException e = assertThrows(SelfSupException.class,
                () -> ComponentConfig.parse("v=[a,b,a(k=2)]").getSpecs("v", "[z]"));
        assertTrue(e.getMessage().contains("a(k=2)") && e.getMessage().contains("listed once"), e.getMessage());
    }
}
