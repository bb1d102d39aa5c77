/**
 * `wirecase.config.ts` / `.mts` / `.mjs` / `.js` / `.json`: one job or a list of jobs (several specs → several
 * output folders). Paths are relative to the config file. CLI flags override the file.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { InputError } from "./diagnostics.js";
import { cacheDir } from "./write/cache.js";
import { configProblem, JOB_KEYS, OPTION_LIST, type JobFields, type OptionName } from "./options.js";
import { didYouMean } from "./suggest.js";

/** One job: the spec, the output folder and the generation options (the `generate` and `job` options of the table). */
export type JobConfig = JobFields;

export type WirecaseConfig = JobConfig | readonly JobConfig[];

/**
 * Types a config file: `export default defineConfig({ input: "spec/api.yaml", output: "src/generated" })`.
 * Two signatures rather than one generic one, so that a misspelt key (`includes`) is a type error: a generic
 * parameter turns off TypeScript's excess-property check, and `JobConfig | readonly JobConfig[]` would accept
 * `includes` as the array's method.
 */
export function defineConfig(config: JobConfig): JobConfig;
export function defineConfig(config: readonly JobConfig[]): readonly JobConfig[];
export function defineConfig(config: WirecaseConfig): WirecaseConfig {
  return config;
}

export const CONFIG_FILES: readonly string[] = [
  "wirecase.config.ts",
  "wirecase.config.mts",
  "wirecase.config.mjs",
  "wirecase.config.js",
  "wirecase.config.json",
];

export interface LoadedConfig {
  readonly path: string;
  /** Jobs with paths resolved against the config file's folder. */
  readonly jobs: readonly JobConfig[];
}

/** The config file in `cwd`, if any. */
export function findConfig(cwd: string): string | undefined {
  return CONFIG_FILES.map((f) => join(cwd, f)).find((p) => existsSync(p));
}

export async function loadConfig(path: string): Promise<LoadedConfig> {
  const file = resolve(path);
  if (!existsSync(file)) throw configError(file, `config file not found`);
  let value: unknown;
  if (file.endsWith(".json")) {
    try {
      value = JSON.parse(readFileSync(file, "utf8"));
    } catch (error) {
      throw configError(file, `invalid JSON: ${(error as Error).message}`);
    }
  } else {
    value = await importConfig(file);
  }
  const list: unknown[] = Array.isArray(value) ? value : [value];
  if (list.length === 0) throw configError(file, "the config lists no jobs");
  // every problem of every job, not only the first
  const problems = list.flatMap((job, i) => jobProblems(job, Array.isArray(value) ? `job ${i + 1}` : "the config"));
  if (problems.length > 0)
    throw new InputError(problems.map((message) => ({ severity: "error", code: "config-invalid", file, message })));
  const jobs = list as JobConfig[];
  return { path: file, jobs: jobs.map((j) => resolvePaths(j, dirname(file))) };
}

async function importConfig(file: string): Promise<unknown> {
  let target = file;
  let temp: string | undefined;
  if (/\.m?ts$/.test(file)) {
    // compiled next to the original so its relative imports still resolve
    temp = join(dirname(file), `.${basename(file)}.${process.pid}.mjs`);
    writeFileSync(temp, await transpile(readFileSync(file, "utf8"), file));
    target = temp;
  }
  try {
    const mod = (await import(`${pathToFileURL(target).href}?t=${Date.now()}`)) as { default?: unknown };
    if (mod.default === undefined)
      throw configError(file, "the config file has no default export; use `export default defineConfig({ ... })`");
    return mod.default;
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw configError(file, `cannot load the config: ${(error as Error).message}`);
  } finally {
    if (temp !== undefined) rmSync(temp, { force: true });
  }
}

/**
 * TypeScript → JavaScript for a config file. The result is kept in node_modules/.cache/wirecase by content
 * hash, so a warm run does not load the compiler (the bulk of start-up time).
 */
async function transpile(source: string, file: string): Promise<string> {
  const dir = cacheDir(process.cwd());
  const cached =
    dir === undefined
      ? undefined
      : join(dir, `config-${createHash("sha256").update(source).digest("hex").slice(0, 24)}.mjs`);
  if (cached !== undefined && existsSync(cached)) return readFileSync(cached, "utf8");
  const { ts } = await import("ts-morph");
  const out = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
    fileName: file,
  }).outputText;
  if (cached !== undefined) {
    mkdirSync(dirname(cached), { recursive: true });
    writeFileSync(cached, out);
  }
  return out;
}

/** What is wrong with one job of a config file: each unknown key and each bad value, in that order. */
function jobProblems(job: unknown, where: string): string[] {
  if (job === null || typeof job !== "object" || Array.isArray(job)) {
    return [`${where} must be an object with \`input\` and \`output\``];
  }
  const j = job as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of Object.keys(j)) {
    if (!(JOB_KEYS as readonly string[]).includes(key)) {
      problems.push(
        `${where}: unknown option ${JSON.stringify(key)}${didYouMean(key, JOB_KEYS)} (options: ${JOB_KEYS.join(", ")})`,
      );
    }
  }
  for (const key of JOB_KEYS) {
    const problem = configProblem(key, j[key]);
    if (problem !== undefined) problems.push(`${where}: ${problem}`);
  }
  return problems;
}

/** A job with its path options (`input`, `output`) resolved against `dir`, keys in the order written. */
function resolvePaths(job: JobConfig, dir: string): JobConfig {
  const paths = OPTION_LIST.filter(([, o]) => o.value.type === "string" && o.value.path).map(([name]) => name);
  const resolved = ([k, v]: [string, unknown]): unknown =>
    paths.includes(k as OptionName) && typeof v === "string" ? resolve(dir, v) : v;
  return Object.fromEntries(Object.entries(job).map(([k, v]) => [k, resolved([k, v])])) as unknown as JobConfig;
}

function configError(file: string, message: string): InputError {
  return new InputError([{ severity: "error", code: "config-invalid", file, message }]);
}
