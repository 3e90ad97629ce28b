package org.selfsup4j.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Stage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.config.ComponentConfig;
import org.selfsup4j.core.spi.ComponentKind;
import org.selfsup4j.pretext.rotation.RotationTaskFactory;
import org.selfsup4j.trainer.plugin.Catalog;
import org.selfsup4j.trainer.plugin.ComponentsModule;
import org.selfsup4j.trainer.plugin.Discovered;
import org.selfsup4j.trainer.plugin.PluginScan;
import org.selfsup4j.trainer.plugin.PluginScanner;

class PluginWiringTest {
    @Test
    void builtInsAreFoundThroughServiceLoaderWithTheirJars() {
        PluginScan scan = PluginScanner.scanClassPath();
        assertTrue(scan.pretextTasks().containsKey("rotation"));
        assertTrue(scan.backbones().keySet().containsAll(List.of("reference-cnn", "resnet-small")));
        assertTrue(scan.losses().keySet().containsAll(List.of("cross-entropy", "mse")));
        Discovered rotation = scan.ofKind(ComponentKind.PRETEXT_TASK).stream()
                .filter(d -> d.name().equals("rotation")).findFirst().orElseThrow();
        assertTrue(rotation.source().contains("pretext"), rotation.source());
    }

    @Test
    void guiceBuildsTheCatalogAndUnknownNamesListTheKnownOnes() {
        Catalog catalog = Guice.createInjector(Stage.PRODUCTION, new ComponentsModule(PluginScanner.scanClassPath()),
                b -> b.requireExplicitBindings()).getInstance(Catalog.class);
        SelfSupException e = assertThrows(SelfSupException.class,
                () -> catalog.pretextTask("rotatoin", ComponentConfig.empty()));
        assertEquals(ErrorCode.UNKNOWN_COMPONENT, e.code());
        assertEquals("Unknown pretext task [rotatoin], known: [colorization, corruption, inpainting, jigsaw, relative-position, "
                + "restoration, rotation, simclr]", e.getMessage());
    }

    /** The friendly check runs when the scan is made, before Guice's map binder could fail naming no jar. */
    @Test
    void twoPluginsWithOneNameFailAtStartUpNamingBothJars() {
        List<Discovered> twice = new ArrayList<>(PluginScanner.scanClassPath().components());
        String original = twice.stream().filter(d -> d.name().equals("rotation")).findFirst().orElseThrow().source();
        twice.add(new Discovered(ComponentKind.PRETEXT_TASK, new RotationTaskFactory(), "/plugins/copycat.jar"));
        SelfSupException e = assertThrows(SelfSupException.class, () -> new PluginScan(twice));
        assertEquals(ErrorCode.DUPLICATE_COMPONENT, e.code());
        assertTrue(e.getMessage().contains("rotation from [") && e.getMessage().contains("copycat.jar")
                && e.getMessage().contains(original), e.getMessage());
    }
}
