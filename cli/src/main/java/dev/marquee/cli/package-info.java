/**
 * The {@code ./marquee} command on a developer's machine: {@code demo} runs the whole system end
 * to end in one JVM; {@code serve}, {@code broker}, {@code replay}, {@code simulate},
 * {@code crossval} and {@code backtest} run one part each; the nightly app's commands
 * ({@code batch}, {@code models}, {@code rollback}, {@code prune}) are registered from
 * {@code apps/nightly}.
 */
package dev.marquee.cli;
