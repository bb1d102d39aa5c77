// Shared helpers for the benchmark scripts: process timing, statistics and table printing.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const BENCH = join(ROOT, "bench");
export const CORPUS = resolve(ROOT, "..", "shared", "corpus");
export const GNU_TIME =
  existsSync("/usr/bin/time") && spawnSync("/usr/bin/time", ["-f", "%M", "true"]).status === 0
    ? "/usr/bin/time"
    : undefined;

/** Median of a list of numbers (mean of the two middle values for an even count); NaN when empty. */
export function median(values) {
  const xs = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (xs.length === 0) return Number.NaN;
  const mid = xs.length >> 1;
  return xs.length % 2 === 1 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2;
}

export function tempDir(prefix) {
  return mkdtempSync(join(tmpdir(), `wirecase-bench-${prefix}-`));
}

export function removeDir(dir) {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Runs `node <args>` as a whole process and measures its wall time (spawn to exit) in ms. When GNU time is
 * available the process runs under `/usr/bin/time -f %M -o <file>` and its peak RSS (KB) is returned too
 * (the wrapper's own cost is a fork and an exec, the same for every command measured this way).
 */
export function timeNode(args, { cwd = ROOT, rss = true, rssFile } = {}) {
  const useTime = rss && GNU_TIME !== undefined && rssFile !== undefined;
  const [cmd, argv] = useTime
    ? [GNU_TIME, ["-f", "%M", "-o", rssFile, process.execPath, ...args]]
    : [process.execPath, args];
  const t0 = performance.now();
  const r = spawnSync(cmd, argv, {
    cwd,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const ms = performance.now() - t0;
  if (r.error) throw r.error;
  if (r.status !== 0) {
    throw new Error(`command failed (exit ${r.status}): node ${args.join(" ")}\n${(r.stderr || "").slice(0, 2000)}`);
  }
  let rssKb;
  if (useTime) {
    const lines = readFileSync(rssFile, "utf8").trim().split("\n");
    rssKb = Number(lines[lines.length - 1]);
  }
  return { ms, rssKb, stdout: r.stdout, stderr: r.stderr };
}

/** Runs a bench child script (`node bench/<script> ...args`) and parses the JSON it prints last on stdout. */
export function runChild(script, args = [], nodeFlags = []) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [...nodeFlags, join(BENCH, script), ...args], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const ms = performance.now() - t0;
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`bench/${script} failed (exit ${r.status}):\n${(r.stderr || "").slice(0, 4000)}`);
  const lines = r.stdout.trim().split("\n");
  return { ms, result: JSON.parse(lines[lines.length - 1]) };
}

// ---- formatting ----

export function fmtMs(ms) {
  if (!Number.isFinite(ms)) return "n/a";
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 10) return `${ms.toFixed(0)} ms`;
  return `${ms.toFixed(1)} ms`;
}

export function fmtRatio(x, digits = 2) {
  return Number.isFinite(x) ? `${x.toFixed(digits)}×` : "n/a";
}

export function fmtPct(x) {
  return Number.isFinite(x) ? `${(x * 100).toFixed(0)} %` : "n/a";
}

export function fmtMb(kb) {
  return Number.isFinite(kb) ? `${(kb / 1024).toFixed(0)} MB` : "n/a";
}

export function fmtBytes(n) {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024).toFixed(0)} KB`;
}

export function fmtNs(ns) {
  if (!Number.isFinite(ns)) return "n/a";
  return ns >= 100 ? `${ns.toFixed(0)} ns` : `${ns.toFixed(1)} ns`;
}

/**
 * Prints an aligned table. `columns`: [{ title, align?: "left" | "right" }]; rows: arrays of strings.
 * The first column is left-aligned, the rest right-aligned unless told otherwise.
 */
export function printTable(title, columns, rows, notes = []) {
  const widths = columns.map((c, i) => Math.max(c.title.length, ...rows.map((r) => String(r[i] ?? "").length)));
  const cell = (text, i) => {
    const s = String(text ?? "");
    const left = (columns[i].align ?? (i === 0 ? "left" : "right")) === "left";
    return left ? s.padEnd(widths[i]) : s.padStart(widths[i]);
  };
  const line = (cells) => `  ${cells.map((c, i) => cell(c, i)).join("  ")}`.trimEnd();
  const out = [];
  out.push("", title, "");
  out.push(line(columns.map((c) => c.title)));
  out.push(`  ${widths.map((w) => "-".repeat(w)).join("  ")}`);
  for (const r of rows) out.push(line(r));
  for (const n of notes) out.push(`  ${n}`);
  process.stdout.write(`${out.join("\n")}\n`);
}

/** A line of progress on stderr, so stdout stays just the tables. */
export function progress(text) {
  if (process.env.BENCH_QUIET !== "1") process.stderr.write(`  · ${text}\n`);
}
