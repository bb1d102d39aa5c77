/**
 * Writes generated files: LF only, each file through a temporary file and a rename (a crash never leaves a
 * half-written file), unchanged files are not rewritten (timestamps stay), and files that wirecase wrote
 * before (listed in `.wirecase.json`) but no longer generates are removed. Files a user put there are never
 * touched.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve, sep } from "node:path";
import type { TextFile } from "../emit/docs.js";

export const MANIFEST = ".wirecase.json";

export interface WriteReport {
  readonly written: readonly string[];
  readonly unchanged: readonly string[];
  readonly removed: readonly string[];
  /** Files of the previous run that could not be removed. */
  readonly notRemoved: readonly string[];
}

export interface Drift {
  readonly added: readonly string[];
  readonly changed: readonly string[];
  readonly removed: readonly string[];
}

/** The manifest is one of the files: it lists every other file, so stale files can be found next run. */
export function withManifest(files: readonly TextFile[]): TextFile[] {
  const manifest = { generator: "wirecase", files: files.map((f) => f.path) };
  return [...files, { path: MANIFEST, text: `${JSON.stringify(manifest, null, 2)}\n` }].sort((a, b) =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
  );
}

/** A file could not be written (permissions, a full disk, a name the file system refuses); nothing was changed. */
export class WriteError extends Error {}

export function writeFiles(outDir: string, files: readonly TextFile[]): WriteReport {
  const root = resolve(outDir);
  const all = withManifest(files);
  for (const f of all) safePath(root, f.path);
  const previous = readManifest(root);
  const unchanged: string[] = [];
  const changed: TextFile[] = [];
  // the manifest last, so it never lists files that are not there yet
  for (const f of [...all.filter((x) => x.path !== MANIFEST), ...all.filter((x) => x.path === MANIFEST)]) {
    if (readOrUndefined(safePath(root, f.path)) === f.text) unchanged.push(f.path);
    else changed.push(f);
  }
  // every changed file goes to a temporary file first; only when all of them are written are they renamed
  // into place (the manifest last), so a failure leaves the folder as it was
  const staged: { temp: string; target: string }[] = [];
  const folders = new Set<string>();
  for (const f of changed) {
    const target = safePath(root, f.path);
    const temp = `${target}.${process.pid}.tmp`;
    try {
      const folder = dirname(target);
      if (!folders.has(folder)) mkdirSync(folder, { recursive: true });
      folders.add(folder);
      writeFileSync(temp, f.text);
      staged.push({ temp, target });
    } catch (error) {
      for (const t of [...staged.map((x) => x.temp), temp]) tryRemove(t);
      throw new WriteError(
        `cannot write ${join(outDir, f.path)}: ${(error as Error).message}; ` +
          `nothing in ${outDir} was changed (check the folder's permissions and free space)`,
      );
    }
  }
  for (const s of staged) renameSync(s.temp, s.target);
  const keep = new Set(all.map((f) => f.path));
  const removed: string[] = [];
  const notRemoved: string[] = [];
  for (const p of previous.filter((x) => !keep.has(x))) (tryRemove(safePath(root, p)) ? removed : notRemoved).push(p);
  return { written: changed.map((f) => f.path), unchanged, removed, notRemoved };
}

/** Compares generated files with the disk without writing anything. */
export function checkFiles(outDir: string, files: readonly TextFile[]): Drift {
  const root = resolve(outDir);
  const all = withManifest(files);
  const added: string[] = [];
  const changed: string[] = [];
  for (const f of all) {
    const text = readOrUndefined(safePath(root, f.path));
    if (text === undefined) added.push(f.path);
    else if (text !== f.text) changed.push(f.path);
  }
  const keep = new Set(all.map((f) => f.path));
  const removed = readManifest(root).filter((p) => !keep.has(p) && readOrUndefined(safePath(root, p)) !== undefined);
  return { added, changed, removed };
}

function readManifest(root: string): string[] {
  const text = readOrUndefined(join(root, MANIFEST));
  if (text === undefined) return [];
  try {
    const parsed = JSON.parse(text) as { files?: unknown };
    return Array.isArray(parsed.files)
      ? parsed.files.filter((p): p is string => typeof p === "string" && isInside(root, p))
      : [];
  } catch {
    return [];
  }
}

/** Removes a file if it is there; false when the file system refuses (no permission, a name too long). */
function tryRemove(path: string): boolean {
  try {
    rmSync(path, { force: true });
    return true;
  } catch {
    return false;
  }
}

function readOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

function isInside(root: string, relative: string): boolean {
  const full = resolve(root, relative);
  return full.startsWith(root + sep);
}

/** Refuses any path that would land outside the output folder. */
function safePath(root: string, relative: string): string {
  if (!isInside(root, relative)) throw new Error(`internal error: refusing to write ${relative} outside ${root}`);
  return resolve(root, relative);
}
