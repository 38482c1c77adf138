/**
 * Reports for people: the evaluation report kept in the manifest, and the self-contained HTML
 * pages with inline SVG ({@link dev.marquee.batch.eval.report.HtmlReport}, the nightly report with
 * its history; {@link dev.marquee.batch.eval.report.BacktestPage}, the backtest's nights;
 * {@link dev.marquee.batch.eval.report.DataPage}, a run's data report with its drift figures).
 */
package dev.marquee.batch.eval.report;
