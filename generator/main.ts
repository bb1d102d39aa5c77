/**
 * The command line. The only module that prints or decides exit codes:
 * 0 ok, 1 `--check` found drift, 2 invalid input, usage, or an output file that cannot be written, 3 internal error.
 */
import { existsSync, watch as watchFile, readFileSync, type FSWatcher } from "node:fs";
import { dirname, isAbsolute, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { CONFIG_FILES, findConfig, loadConfig, type JobConfig } from "./config.js";
import { formatDiagnostic, InputError, type Diagnostic } from "./diagnostics.js";
import { cliFlags, flagProblem, jobFlags, OPTION_LIST, parseCommandLine, USAGE, type FlagValues } from "./options.js";
import { didYouMean } from "./suggest.js";
import { cacheDir, isFresh, remember } from "./write/cache.js";
import { checkFiles, MANIFEST, WriteError, writeFiles } from "./write/write-files.js";

/** Warnings shown per diagnostic code before the rest are summarised. */
const SHOWN_PER_CODE = 5;
const WATCH_DEBOUNCE_MS = 100;
/** How often `--watch` checks that the process that started it is still there. */
const PARENT_POLL_MS = 500;

export async function main(argv: readonly string[]): Promise<number> {
  const args = parseCommandLine(argv);
  if ("problem" in args) return usage(args.problem);
  const values: FlagValues = args.values;
  const v = cliFlags(values);
  if (v.help === true) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (v.version === true) {
    process.stdout.write(`wirecase ${version()}\n`);
    return 0;
  }
  const command = args.positionals[0] ?? "generate";
  if (command !== "generate" || args.positionals.length > 1) {
    if (command === "generate") {
      const extra = args.positionals[1]!;
      return usage(
        `unexpected argument ${JSON.stringify(extra)} after generate; ` +
          `a spec is given with --input: wirecase generate -i ${extra}`,
      );
    }
    return usage(`unknown command ${JSON.stringify(command)}${didYouMean(command, ["generate"])}`);
  }
  const problem = flagProblem(values);
  if (problem !== undefined) return usage(problem);
  if (v.check === true && v.watch === true) return usage("--check and --watch cannot be combined");
  if (v.config !== undefined && v.noConfig === true) return usage("--config and --no-config cannot be combined");
  const quiet = v.quiet === true;

  const resolveJobs = async (): Promise<{ jobs: JobConfig[]; configPath: string | undefined }> => {
    const configPath = v.noConfig === true ? undefined : (v.config ?? findConfig(process.cwd()));
    const fromFile: JobConfig[] = configPath === undefined ? [] : [...(await loadConfig(configPath)).jobs];
    const flags = jobFlags(values);
    if (fromFile.length > 1 && (flags.input !== undefined || flags.output !== undefined)) {
      throw new UsageError(
        `${shown(configPath!)} has ${fromFile.length} jobs; --input and --output apply to one job only ` +
          "(--no-config runs one job from the flags alone)",
      );
    }
    const jobs = (fromFile.length === 0 ? [{} as Partial<JobConfig>] : fromFile).map((job) => ({ ...job, ...flags }));
    for (const job of jobs) {
      const missing = OPTION_LIST.find(([k, o]) => o.required === true && job[k as keyof JobConfig] === undefined);
      if (missing !== undefined) {
        // wirecase.config.ts, .mts, .mjs, .js and .json
        const exts = CONFIG_FILES.slice(1).map((f) => f.slice(f.lastIndexOf(".")));
        const names = `${[CONFIG_FILES[0], ...exts.slice(0, -1)].join(", ")} and ${exts.at(-1)}`;
        throw new UsageError(
          v.noConfig === true
            ? `no --${missing[1].flag} given (with --no-config, --input and --output are required)`
            : `no --${missing[1].flag} given and no config file found (looked for ${names} in ${process.cwd()})`,
        );
      }
    }
    return { jobs: jobs as JobConfig[], configPath };
  };

  const runAll = async (): Promise<{ code: number; sources: string[]; configPath: string | undefined }> => {
    const { jobs, configPath } = await resolveJobs();
    let code = 0;
    const sources: string[] = [];
    for (const job of jobs) {
      const result = await runJob(job, v.check === true, quiet, v.force === true);
      sources.push(...result.sources);
      code = Math.max(code, result.code);
    }
    return { code, sources, configPath };
  };

  try {
    if (v.watch !== true) return (await runAll()).code;
    return await watchLoop(runAll, quiet);
  } catch (error) {
    return reportFailure(error);
  }
}

class UsageError extends Error {}

function usage(message: string): number {
  process.stderr.write(`wirecase: ${message}\n\n${USAGE}\n`);
  return 2;
}

function reportFailure(error: unknown): number {
  if (error instanceof UsageError) return usage(error.message);
  if (error instanceof InputError) {
    printDiagnostics(error.diagnostics, false);
    return 2;
  }
  if (error instanceof WriteError) {
    process.stderr.write(`wirecase: ${error.message}\n`);
    return 2;
  }
  process.stderr.write(
    `wirecase: internal error: ${(error as Error).stack ?? String(error)}\n` +
      "This is a bug in wirecase, not in your spec. " +
      "Please report it with the spec (or a small part of it) that triggers it.\n",
  );
  return 3;
}

async function runJob(
  job: JobConfig,
  check: boolean,
  quiet: boolean,
  force: boolean,
): Promise<{ code: number; sources: string[] }> {
  const started = performance.now();
  const input = shown(job.input);
  const output = shown(job.output);
  const cache = check || force ? undefined : cacheDir(process.cwd());
  const { output: _, ...options } = job;
  if (cache !== undefined && isFresh(cache, job.output, options)) {
    if (!quiet)
      process.stdout.write(
        `wirecase: ${output}/ is up to date with ${input} (nothing changed since the last run; --force regenerates)\n`,
      );
    return { code: 0, sources: [job.input] };
  }
  // loaded only when there is work to do: it brings ts-morph, the bulk of start-up time
  const { generate } = await import("./generate.js");
  const result = generate(job);
  printDiagnostics(result.diagnostics, quiet);
  if (result.diagnostics.some((d) => d.severity === "error")) {
    process.stderr.write(`wirecase: ${input} has errors; nothing was written to ${output}/\n`);
    return { code: 2, sources: [...result.sources] };
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  if (check) {
    const drift = checkFiles(job.output, result.files);
    const total = drift.added.length + drift.changed.length + drift.removed.length;
    for (const p of drift.added) process.stdout.write(`  added    ${output}/${p}\n`);
    for (const p of drift.changed) process.stdout.write(`  changed  ${output}/${p}\n`);
    for (const p of drift.removed) process.stdout.write(`  removed  ${output}/${p}\n`);
    if (total > 0)
      process.stdout.write(
        `wirecase: ${output}/ is out of date with ${input}: ${total} file(s) differ; ` +
          "run `wirecase generate` to update\n",
      );
    else if (!quiet)
      process.stdout.write(
        `wirecase: ${output}/ is up to date with ${input} (${result.files.length} files, ${seconds} s)\n`,
      );
    return { code: total === 0 ? 0 : 1, sources: [...result.sources] };
  }
  const report = writeFiles(job.output, result.files);
  for (const p of report.notRemoved)
    process.stderr.write(
      `wirecase: warning: could not remove ${output}/${p}, which an earlier run wrote and this one does not\n`,
    );
  if (cache !== undefined)
    remember(cache, job.output, options, result.sources, [...result.files.map((f) => f.path), MANIFEST]);
  if (!quiet) {
    const warnings = result.diagnostics.filter((d) => d.severity === "warning").length;
    process.stdout.write(
      `wirecase: ${result.models} models, ${result.files.length} files ` +
        `(${report.written.filter((p) => p !== MANIFEST).length} written, ${report.removed.length} removed) ` +
        `in ${seconds} s` +
        `${warnings > 0 ? `, ${warnings} warnings` : ""}: ${input} → ${output}/\n`,
    );
  }
  return { code: 0, sources: [...result.sources] };
}

/** Runs, then reruns on every change of a source or the config (debounced); errors are printed, never fatal. */
async function watchLoop(
  runAll: () => Promise<{ code: number; sources: string[]; configPath: string | undefined }>,
  quiet: boolean,
): Promise<number> {
  let watchers: FSWatcher[] = [];
  let timer: NodeJS.Timeout | undefined;
  const once = async (): Promise<void> => {
    let watched: string[] = [];
    try {
      const r = await runAll();
      watched = [...r.sources, ...(r.configPath === undefined ? [] : [r.configPath])];
    } catch (error) {
      // a broken config: report it and keep watching what was watched before
      reportFailure(error);
    }
    if (watched.length > 0) {
      for (const w of watchers) w.close();
      watchers = [...new Set(watched)].flatMap((file) => {
        try {
          return [watchFile(file, () => schedule())];
        } catch {
          return [];
        }
      });
    }
    if (!quiet) process.stdout.write(`wirecase: watching ${watchers.length} file(s) for changes (Ctrl-C to stop)\n`);
  };
  const schedule = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => void once(), WATCH_DEBOUNCE_MS);
  };
  await once();
  return await new Promise<number>((done) => {
    // stops on Ctrl-C, on SIGTERM and SIGHUP (a terminal closed), and when the process that started it goes
    // away without a signal (`npx` killed: this process is re-parented, so its parent id changes)
    const parent = process.ppid;
    const poll = setInterval(() => {
      if (process.ppid !== parent) stop();
    }, PARENT_POLL_MS);
    const signals = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
    const stop = (): void => {
      clearInterval(poll);
      for (const s of signals) process.off(s, stop);
      for (const w of watchers) w.close();
      if (timer !== undefined) clearTimeout(timer);
      done(0);
    };
    for (const s of signals) process.once(s, stop);
  });
}

/**
 * A path as the user gave it, near enough: relative to the current folder when it is inside it, absolute when
 * it is not (`relative` would make a chain of `../../..`).
 */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  if (rel === "") return ".";
  return rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel) ? path : rel;
}

/** The version in wirecase's package.json, found from this module whether it runs from source or `dist/`. */
function version(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    const file = join(dir, "package.json");
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string };
      if (pkg.name === "wirecase" && pkg.version !== undefined) return pkg.version;
    }
    dir = dirname(dir);
  }
  return "(unknown version)";
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
