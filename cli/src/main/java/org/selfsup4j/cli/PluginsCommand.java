package org.selfsup4j.cli;

import java.util.concurrent.Callable;
import org.selfsup4j.core.spi.ComponentKind;
import org.selfsup4j.trainer.plugin.Discovered;
import org.selfsup4j.trainer.plugin.PluginScan;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code selfsup plugins}: every component found, its kind, and the jar it came from. */
@Command(name = "plugins", mixinStandardHelpOptions = true, description = "List the components found: built-in and plugin jars.")
final class PluginsCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Override
    public Integer call() {
        Composition composition = Composition.start(main.plugins);
        composition.catalog();
        PluginScan scan = composition.scan();
        System.out.printf("%-14s %-18s %-70s %s%n", "KIND", "NAME", "DESCRIPTION", "SOURCE");
        for (ComponentKind kind : ComponentKind.values()) {
            for (Discovered d : scan.ofKind(kind)) {
                System.out.printf("%-14s %-18s %-70s %s%n", kind.displayName(), d.name(), d.factory().description(),
                        shortSource(d.source()));
            }
        }
        return 0;
    }

    private static String shortSource(String source) {
        int slash = source.lastIndexOf('/', source.endsWith("/") ? source.length() - 2 : source.length());
        return source.contains("/target/classes") ? source : source.substring(slash + 1);
    }
}
