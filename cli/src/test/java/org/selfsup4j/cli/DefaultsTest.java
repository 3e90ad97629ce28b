package org.selfsup4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The defaults a newcomer gets without choosing (issue: "defaults that do not hurt"): no flip in any default
 * augmentation — a horizontal flip changes the meaning of anything with a handedness — and the measured default
 * backbone (README, "Which network") for every command that builds a network, with the reference CNN kept as the
 * speed yardstick of {@code bench train}.
 */
class DefaultsTest {
    private static String defaultOf(String command, String option) {
        CommandLine sub = new CommandLine(new Main()).getSubcommands().get(command);
        return sub.getCommandSpec().findOption(option).defaultValue();
    }

    private static String benchDefaultOf(String option) {
        CommandLine bench = new CommandLine(new Main()).getSubcommands().get("bench");
        return bench.getSubcommands().get("train").getCommandSpec().findOption(option).defaultValue();
    }

    @Test
    void noDefaultAugmentationFlips() {
        String weak = defaultOf("semisup", "--weak-augment");
        assertFalse(weak.contains("flip"), "semisup's default weak augmentation flips: " + weak);
        assertEquals("pad-crop(fraction=0.125)", weak);
        String finetune = defaultOf("finetune", "--augment");
        assertFalse(finetune != null && finetune.contains("flip"), "finetune's default augmentation flips: " + finetune);
    }

    @Test
    void everyTrainingCommandDefaultsToTheMeasuredBackboneAndTheBenchmarkKeepsTheYardstick() {
        for (String command : new String[] {"pretrain", "semisup", "compare"}) {
            assertEquals("pooled-cnn", defaultOf(command, "--backbone"), command);
        }
        assertEquals("reference-cnn", benchDefaultOf("--backbone"));
    }
}
