#!/usr/bin/env node
// No source line over 120 characters: lists file:line for each longer one and exits 1 (run by `npm run lint`).
// The formatter keeps code within 120 but cannot break a long string or template literal; this check can.
// Checks the hand-written source that biome.jsonc formats; snapshots, test data and generated output are not checked.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const MAX = 120;
const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const SOURCE = /\.(ts|mts|cts|js|mjs|cjs)$/;
/** Folders walked recursively, and folders whose own files only are checked. */
const DEEP = ["generator", "templates", "bench", "scripts", "bin"];
const SHALLOW = ["test", "."];
/** Never entered: output, fixtures and dependencies. */
const SKIP = new Set(["node_modules", "dist", "generated", "__snapshots__", ".out", "data", "results"]);

function files(dir, deep) {
  let entries;
  try {
    entries = readdirSync(join(ROOT, dir), { withFileTypes: true });
  } catch (error) {
    if (error.code === "ENOENT") return [];
    throw error;
  }
  const out = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = dir === "." ? entry.name : `${dir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (deep && !SKIP.has(entry.name) && !entry.name.startsWith(".")) out.push(...files(path, true));
    } else if (entry.isFile() && SOURCE.test(entry.name)) {
      out.push(path);
    }
  }
  return out;
}

const long = [];
for (const path of [...DEEP.flatMap((d) => files(d, true)), ...SHALLOW.flatMap((d) => files(d, false))]) {
  const lines = readFileSync(join(ROOT, path), "utf8").split(/\r?\n/);
  lines.forEach((line, i) => {
    const length = [...line].length; // characters (code points), not UTF-16 units
    if (length > MAX) long.push({ path, line: i + 1, length });
  });
}

if (long.length > 0) {
  for (const { path, line, length } of long) console.error(`${path}:${line}: ${length} characters (max ${MAX})`);
  const perFolder = new Map();
  for (const { path } of long) {
    const folder = path.includes("/") ? path.slice(0, path.indexOf("/")) : ".";
    perFolder.set(folder, (perFolder.get(folder) ?? 0) + 1);
  }
  const summary = [...perFolder].map(([folder, n]) => `${folder}/ ${n}`).join(", ");
  console.error(`check-lines: ${long.length} lines over ${MAX} characters (${summary})`);
  process.exitCode = 1;
} else {
  console.log(`check-lines: no line over ${MAX} characters`);
}
