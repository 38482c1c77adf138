/**
 * The {@code marquee} command: {@code demo} runs the whole system end to end on one machine;
 * {@code batch}, {@code serve}, {@code broker} and {@code replay} run one part each.
 */
package dev.marquee.cli;
