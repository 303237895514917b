/** Medians, percentiles and the one table `npm run bench` prints. */

export function median(values: number[]): number {
  return percentile(values, 50);
}

/** Nearest-rank percentile of unsorted values (NaN for none). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export const fmt = {
  ms: (v: number) => (Number.isFinite(v) ? (v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(v < 10 ? 1 : 0)} ms`) : "n/a"),
  kb: (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`,
  mib: (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`,
  mb: (bytes: number) => `${(bytes / 1_000_000).toFixed(0)} MB`,
  ratio: (v: number) => (Number.isFinite(v) ? `${v.toFixed(2)}×` : "n/a"),
  int: (v: number) => v.toLocaleString("en-US"),
};

export type Verdict = "pass" | "FAIL" | "info" | "error";

export interface Row {
  figure: string;
  measured: string;
  target: string;
  ratio: string;
  verdict: Verdict;
}

export const verdict = (ok: boolean): Verdict => (ok ? "pass" : "FAIL");

/** A figure that could not be measured: the row says why instead of a number. */
export function failedRow(figure: string, target: string, error: unknown): Row {
  const message = error instanceof Error ? error.message : String(error);
  return { figure, measured: `error: ${message.split("\n")[0].slice(0, 120)}`, target, ratio: "", verdict: "error" };
}

/** A Markdown table, so the output pastes straight into the README. */
export function renderTable(rows: Row[]): string {
  const head: Row = { figure: "figure", measured: "measured", target: "target", ratio: "ratio", verdict: "info" };
  const cells = (r: Row) => [r.figure, r.measured, r.target, r.ratio, r === head ? "pass/fail" : r.verdict];
  const all = [head, ...rows].map(cells);
  const widths = all[0].map((_, i) => Math.max(...all.map((c) => c[i].length)));
  const line = (c: string[]) => `| ${c.map((v, i) => v.padEnd(widths[i])).join(" | ")} |`;
  return [line(all[0]), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...all.slice(1).map(line)].join("\n");
}

export function log(message: string): void {
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
}
