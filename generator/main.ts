/**
 * The command line. The only module that prints or decides exit codes:
 * 0 ok, 1 `--check` found drift, 2 invalid input or usage, 3 internal error.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { formatDiagnostic, type Diagnostic } from "./diagnostics.js";
import { generate } from "./generate.js";
import { checkFiles, writeFiles } from "./write/write-files.js";

const USAGE = `Usage: wirecase generate [--input <spec>] [--output <dir>] [--check] [--quiet]

  --input <spec>   OpenAPI 3.0/3.1 document, YAML or JSON (default: spec/fine-tuning.yaml)
  --output <dir>   output folder (default: generated)
  --check          generate in memory and compare with the output folder; write nothing;
                   exit 1 if anything differs
  --quiet          print errors only

Exit codes: 0 ok, 1 --check found differences, 2 invalid input or usage, 3 internal error.`;

/** Warnings shown per diagnostic code before the rest are summarised. */
const SHOWN_PER_CODE = 5;

export async function main(argv: readonly string[]): Promise<number> {
  const started = performance.now();
  let args;
  try {
    args = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        input: { type: "string", short: "i" },
        output: { type: "string", short: "o" },
        check: { type: "boolean" },
        quiet: { type: "boolean", short: "q" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    process.stderr.write(`wirecase: ${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (args.values.help === true) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const command = args.positionals[0] ?? "generate";
  if (command !== "generate" || args.positionals.length > 1) {
    process.stderr.write(`wirecase: unknown command ${JSON.stringify(args.positionals.join(" "))}\n\n${USAGE}\n`);
    return 2;
  }
  const input = args.values.input ?? "spec/fine-tuning.yaml";
  const output = args.values.output ?? "generated";
  const quiet = args.values.quiet === true;
  try {
    const result = generate({ input });
    printDiagnostics(result.diagnostics, quiet);
    if (result.diagnostics.some((d) => d.severity === "error")) {
      process.stderr.write(`wirecase: ${input} has errors; nothing was written to ${output}/\n`);
      return 2;
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    if (args.values.check === true) {
      const drift = checkFiles(output, result.files);
      const total = drift.added.length + drift.changed.length + drift.removed.length;
      for (const p of drift.added) process.stdout.write(`  added    ${output}/${p}\n`);
      for (const p of drift.changed) process.stdout.write(`  changed  ${output}/${p}\n`);
      for (const p of drift.removed) process.stdout.write(`  removed  ${output}/${p}\n`);
      process.stdout.write(
        total === 0
          ? `wirecase: ${output}/ is up to date with ${input} (${result.files.length} files, ${seconds} s)\n`
          : `wirecase: ${output}/ is out of date: ${total} file(s) differ; run \`wirecase generate\` to update\n`,
      );
      return total === 0 ? 0 : 1;
    }
    const report = writeFiles(output, result.files);
    if (!quiet) {
      const warnings = result.diagnostics.filter((d) => d.severity === "warning").length;
      process.stdout.write(
        `wirecase: ${result.models} models, ${result.files.length} files (${report.written.length} written, ${report.removed.length} removed) in ${seconds} s` +
          `${warnings > 0 ? `, ${warnings} warnings` : ""}: ${input} → ${output}/\n`,
      );
    }
    return 0;
  } catch (error) {
    process.stderr.write(
      `wirecase: internal error: ${(error as Error).stack ?? String(error)}\n` +
        "This is a bug in wirecase, not in your spec. Please report it with the spec (or a small part of it) that triggers it.\n",
    );
    return 3;
  }
}

function printDiagnostics(diagnostics: readonly Diagnostic[], quiet: boolean): void {
  const perCode = new Map<string, number>();
  const texts = new Map<string, string | undefined>();
  const text = (file: string): string | undefined => {
    if (!texts.has(file)) {
      try {
        texts.set(file, readFileSync(file, "utf8"));
      } catch {
        texts.set(file, undefined);
      }
    }
    return texts.get(file);
  };
  const cwd = process.cwd();
  for (const d of diagnostics) {
    if (quiet && d.severity === "warning") continue;
    const seen = (perCode.get(d.code) ?? 0) + 1;
    perCode.set(d.code, seen);
    if (d.severity === "warning" && seen > SHOWN_PER_CODE) continue;
    const source = d.severity === "error" ? text(d.file) : undefined;
    process.stderr.write(`${formatDiagnostic(d, source?.includes("\u0000") === true ? undefined : source, cwd)}\n`);
  }
  if (quiet) return;
  for (const [code, count] of perCode) {
    if (count > SHOWN_PER_CODE) process.stderr.write(`... and ${count - SHOWN_PER_CODE} more [${code}]\n`);
  }
}
