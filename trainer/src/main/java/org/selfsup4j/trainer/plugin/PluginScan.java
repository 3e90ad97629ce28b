package org.selfsup4j.trainer.plugin;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.spi.AugmenterFactory;
import org.selfsup4j.core.spi.BackboneFactory;
import org.selfsup4j.core.spi.ComponentKind;
import org.selfsup4j.core.spi.LossFactory;
import org.selfsup4j.core.spi.PretextTaskFactory;

/**
 * Everything plugin discovery found, in discovery order. Immutable. Two components of one kind with one name are an
 * error at construction, naming both jars — before any injector exists, whose map binder would otherwise fail first
 * with a long Guice message that names neither.
 */
public record PluginScan(List<Discovered> components) {
    public PluginScan {
        components = List.copyOf(components);
        for (ComponentKind kind : ComponentKind.values()) {
            List<Discovered> ofKind = components.stream().filter(d -> d.kind() == kind).toList();
            if (ofKind.stream().map(Discovered::name).distinct().count() < ofKind.size()) {
                throw duplicate(kind, ofKind);
            }
        }
    }

    public List<Discovered> ofKind(ComponentKind kind) {
        return components.stream().filter(d -> d.kind() == kind).toList();
    }

    public Map<String, AugmenterFactory> augmenters() {
        return byName(ComponentKind.AUGMENTER, AugmenterFactory.class);
    }

    public Map<String, PretextTaskFactory> pretextTasks() {
        return byName(ComponentKind.PRETEXT_TASK, PretextTaskFactory.class);
    }

    public Map<String, LossFactory> losses() {
        return byName(ComponentKind.LOSS, LossFactory.class);
    }

    public Map<String, BackboneFactory> backbones() {
        return byName(ComponentKind.BACKBONE, BackboneFactory.class);
    }

    /** Name → factory, sorted (names are unique per kind: checked at construction). */
    private <F> Map<String, F> byName(ComponentKind kind, Class<F> type) {
        Map<String, F> map = new TreeMap<>();
        ofKind(kind).forEach(d -> map.put(d.name(), type.cast(d.factory())));
        return map;
    }

    private static SelfSupException duplicate(ComponentKind kind, List<Discovered> ofKind) {
        Map<String, List<String>> sources = ofKind.stream()
                .collect(Collectors.groupingBy(Discovered::name, Collectors.mapping(Discovered::source, Collectors.toList())));
        String clash = sources.entrySet().stream().filter(e -> e.getValue().size() > 1)
                .map(e -> e.getKey() + " from " + e.getValue()).collect(Collectors.joining("; "));
        return new SelfSupException(ErrorCode.DUPLICATE_COMPONENT, "Two " + kind.displayName()
                + "s share a name: " + clash, clash, List.of(), null);
    }

}
