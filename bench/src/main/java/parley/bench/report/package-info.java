/**
 * What a bench leaves behind: a table, JSON, CSV and a chart.
 *
 * <pre>
 *  Result (one run) --Medians--&gt; Result (one row per target and scenario)
 *     rows --TableWriter--&gt; Markdown table (stdout, table.md)
 *     rows --CsvWriter----&gt; results.csv          runs --CsvWriter--&gt; runs.csv
 *     rows + runs --JsonWriter (jackson-jr)--&gt; results.json
 *     rows --ChartWriter (XChart, headless)--&gt; chart.png: latency curves | deliveries/s bars
 * </pre>
 *
 * Columns (and their CSV/JSON names) are listed once, in {@code Columns}.
 */
package parley.bench.report;
