/** `$ref` resolution: local JSON pointers (with `~0`, `~1` and percent escapes) and relative file refs. */
import { dirname, resolve } from "node:path";
import { decodePercent, encodePointer, fragmentSegments } from "./pointer.js";
import type { SpecSet } from "./spec-set.js";

export interface Location {
  /** Absolute path of the file. */
  readonly file: string;
  /** Decoded JSON pointer segments. */
  readonly path: readonly string[];
}

export interface Resolved extends Location {
  readonly value: unknown;
}

/** The absolute file a ref points into, or undefined for a local (`#...`) or remote (`http:`) ref. */
export function refFile(ref: string, fromFile: string): string | undefined {
  const hash = ref.indexOf("#");
  const filePart = hash === -1 ? ref : ref.slice(0, hash);
  if (filePart === "" || isRemote(filePart)) return undefined;
  return resolve(dirname(fromFile), decodePercent(filePart));
}

export function isRemote(ref: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(ref);
}

/** Where a ref points: file and pointer segments. */
export function refLocation(ref: string, fromFile: string): Location {
  const hash = ref.indexOf("#");
  const file = refFile(ref, fromFile) ?? fromFile;
  const fragment = hash === -1 ? "" : ref.slice(hash + 1);
  return { file, path: fragmentSegments(fragment) };
}

/** `/components/schemas/a~1b%20c` → `["components", "schemas", "a/b c"]` (from `./pointer.ts`). */
export { fragmentSegments };

/** The value at a location, or undefined when the file or any segment is missing. */
export function valueAt(specs: SpecSet, location: Location): { found: true; value: unknown } | { found: false } {
  const file = specs.files.get(location.file);
  if (file === undefined) return { found: false };
  let node: unknown = file.value;
  for (const seg of location.path) {
    if (Array.isArray(node)) {
      if (!/^(0|[1-9]\d*)$/.test(seg) || Number(seg) >= node.length) return { found: false };
      node = node[Number(seg)];
    } else if (node !== null && typeof node === "object" && Object.hasOwn(node, seg)) {
      node = (node as Record<string, unknown>)[seg];
    } else return { found: false };
  }
  return { found: true, value: node };
}

/** A stable identity for a location: `file#/json/pointer`. */
export function locationId(location: Location): string {
  return `${location.file}${encodePointer(location.path)}`;
}
