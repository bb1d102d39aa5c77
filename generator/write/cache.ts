/**
 * The warm re-run cache: a run whose inputs (every spec file it read, the job's options, and this build of
 * wirecase) and outputs (each file's size and modification time) are what the last run left skips generation.
 * Entries live in `node_modules/.cache/wirecase/`, one per output folder, never in the output folder (it is
 * committed and must not churn). Any difference, or anything unreadable, is a miss.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

interface Entry {
  readonly key: string;
  readonly sources: readonly string[];
  readonly files: readonly { readonly path: string; readonly size: number; readonly mtimeMs: number }[];
}

/** The cache folder for a working directory, or undefined where there is no node_modules to hold it. */
export function cacheDir(cwd: string): string | undefined {
  const modules = join(cwd, "node_modules");
  return existsSync(modules) ? join(modules, ".cache", "wirecase") : undefined;
}

function entryPath(dir: string, output: string): string {
  return join(dir, `${createHash("sha256").update(resolve(output)).digest("hex").slice(0, 24)}.json`);
}

/** A fingerprint of this build of wirecase: its version and the size and time of each compiled file. */
function buildFingerprint(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const root = resolve(here, "..");
  const hash = createHash("sha256");
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (/\.(js|ts)$/.test(e.name)) {
        const s = statSync(full);
        hash.update(`${full}\0${s.size}\0${s.mtimeMs}\n`);
      }
    }
  };
  walk(root);
  for (const f of [
    join(root, "..", "package.json"),
    join(root, "..", "templates", "runtime.ts"),
    join(root, "..", "..", "package.json"),
    join(root, "..", "..", "templates", "runtime.ts"),
  ]) {
    if (existsSync(f)) hash.update(readFileSync(f));
  }
  return hash.digest("hex");
}

function key(options: unknown, sources: readonly string[]): string | undefined {
  const hash = createHash("sha256").update(buildFingerprint()).update(JSON.stringify(options));
  for (const s of sources) {
    try {
      hash.update(`\0${s}\0`).update(readFileSync(s));
    } catch {
      return undefined;
    }
  }
  return hash.digest("hex");
}

/** True when the last run for `output` had the same inputs and its files are untouched. */
export function isFresh(dir: string, output: string, options: unknown): boolean {
  let entry: Entry;
  try {
    entry = JSON.parse(readFileSync(entryPath(dir, output), "utf8")) as Entry;
  } catch {
    return false;
  }
  if (key(options, entry.sources) !== entry.key) return false;
  for (const f of entry.files) {
    try {
      const s = statSync(join(output, f.path));
      if (s.size !== f.size || s.mtimeMs !== f.mtimeMs) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/** Records a successful run. */
export function remember(
  dir: string,
  output: string,
  options: unknown,
  sources: readonly string[],
  paths: readonly string[],
): void {
  const k = key(options, sources);
  if (k === undefined) return;
  const files = paths.map((path) => {
    const s = statSync(join(output, path));
    return { path, size: s.size, mtimeMs: s.mtimeMs };
  });
  mkdirSync(dir, { recursive: true });
  writeFileSync(entryPath(dir, output), JSON.stringify({ key: k, sources, files } satisfies Entry));
}
