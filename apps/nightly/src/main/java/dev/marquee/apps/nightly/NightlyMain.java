package dev.marquee.apps.nightly;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the {@code marquee-batch} image: the nightly job (with its rollout check) and
 * the store's housekeeping. The same commands, with the same flags, are also {@code ./marquee}'s.
 */
@Command(name = "marquee", mixinStandardHelpOptions = true,
    description = "The nightly job and the store's housekeeping (the marquee-batch image).",
    subcommands = {BatchCommand.class, ModelsCommand.class, RollbackCommand.class, PruneCommand.class, ForgetCommand.class,
        SampleStoreCommand.class, CommandLine.HelpCommand.class})
public final class NightlyMain {

    public static void main(String[] args) {
        System.exit(new CommandLine(new NightlyMain()).execute(args));
    }
}
