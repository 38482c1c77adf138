package dev.marquee.cli;

import dev.marquee.apps.nightly.BatchCommand;
import dev.marquee.apps.nightly.ForgetCommand;
import dev.marquee.apps.nightly.ModelsCommand;
import dev.marquee.apps.nightly.PruneCommand;
import dev.marquee.apps.nightly.RollbackCommand;
import dev.marquee.apps.nightly.SampleStoreCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the {@code ./marquee} script: the nightly app's commands (batch, models,
 * rollback, prune, sample-store) and the developer's (demo, serve, broker, replay, simulate,
 * crossval, backtest).
 */
@Command(name = "marquee", mixinStandardHelpOptions = true,
    description = "Precomputed movie recommendations: Kafka -> Spark -> versioned RocksDB -> HTTP.",
    subcommands = {DemoCommand.class, BatchCommand.class, ServeCommand.class, BrokerCommand.class,
        ReplayCommand.class, SimulateCommand.class, ModelsCommand.class, CrossvalCommand.class, BacktestCommand.class, OnlineCommand.class, AbCommand.class,
        RollbackCommand.class, PruneCommand.class, ForgetCommand.class, SampleStoreCommand.class,
        CommandLine.HelpCommand.class})
public final class Marquee {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Marquee()).execute(args));
    }
}
