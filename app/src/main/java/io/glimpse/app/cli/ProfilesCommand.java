package io.glimpse.app.cli;

import io.glimpse.plugins.ModelFamily;
import io.glimpse.plugins.ModelFamilies;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "profiles", mixinStandardHelpOptions = true,
        description = "List the built-in model families (profiles) that plan and generate know.")
final class ProfilesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        // columns as wide as their longest entry: a display name longer than a fixed width pushed its row out of line
        var families = ModelFamilies.all();
        java.util.List<String[]> rows = new java.util.ArrayList<>();
        rows.add(new String[] {"profile", "model family", "inputs", "chat template"});
        for (ModelFamily f : families) {
            rows.add(new String[] {f.id(), f.displayName(),
                    f.inputs().stream().map(Enum::name).sorted().map(String::toLowerCase).collect(Collectors.joining(", ")),
                    f.builtInChatTemplate().orElse("-")});
        }
        int[] width = new int[3];
        for (String[] r : rows) {
            for (int c = 0; c < width.length; c++) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        for (String[] r : rows) {
            out.printf("%-" + width[0] + "s  %-" + width[1] + "s  %-" + width[2] + "s  %s%n", (Object[]) r);
        }
        return 0;
    }
}
