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
        for (ModelFamily f : ModelFamilies.all()) {
            out.printf("%-20s %-38s inputs: %s%s%n", f.id(), f.displayName(),
                    f.inputs().stream().map(Enum::name).sorted().map(String::toLowerCase).collect(Collectors.joining(", ")),
                    f.builtInChatTemplate().map(t -> "; chat template: " + t).orElse(""));
        }
        return 0;
    }
}
