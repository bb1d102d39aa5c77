/**
 * Reading: the only stage of loading that touches the disk. JSON goes through `JSON.parse` (20x faster than
 * `yaml` on large files), YAML through `yaml`'s document API so anchors, aliases and merge keys work. Source
 * positions are not computed up front: each file carries a `locate` function that finds a JSON pointer's line
 * and column only when a diagnostic needs one.
 */
import { readFileSync } from "node:fs";
import { extname, resolve } from "node:path";
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Document,
  type Node as YamlNode,
} from "yaml";
import { InputError, positionAt, type Diagnostic, type Position } from "../diagnostics.js";
import { refFile } from "./resolve-ref.js";
import { encodePointer, encodeSegment, pointerSegments } from "./pointer.js";
import type { LoadedFile, SpecSet } from "./spec-set.js";
import { converterName, convertSwagger2, originalPath, schemaNames } from "./swagger2.js";

export type { LoadedFile, SpecSet } from "./spec-set.js";

/** Reads the root document and every file its `$ref`s reach, transitively. Throws `InputError`. */
export function readSpec(rootPath: string): SpecSet {
  const root = resolve(rootPath);
  const files = new Map<string, LoadedFile>();
  const queue: { path: string; from?: { file: string; pointer: string } }[] = [{ path: root }];
  while (queue.length > 0) {
    const next = queue.shift()!;
    if (files.has(next.path)) continue;
    const read = loadFile(next.path, next.from, files);
    const loaded = next.from === undefined ? fromSwagger2(read) : read;
    files.set(next.path, loaded);
    // a document whose text has no `$ref` to anything but `#...` needs no walk
    const mayReferOut = /\$ref["']?\s*:\s*(?:["'](?!#)|[^"'\s#])/.test(loaded.text);
    for (const ref of mayReferOut ? externalRefs(loaded.value) : []) {
      const target = refFile(ref.ref, loaded.path);
      if (target !== undefined && !files.has(target))
        queue.push({ path: target, from: { file: loaded.path, pointer: ref.pointer } });
    }
  }
  return { root, files };
}

function loadFile(
  path: string,
  from: { file: string; pointer: string } | undefined,
  files: ReadonlyMap<string, LoadedFile>,
): LoadedFile {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === "ENOENT" ? "file not found" : String((error as Error).message);
    if (from === undefined) {
      throw new InputError([
        { severity: "error", code: "input-unreadable", file: path, message: `cannot read the spec: ${reason}` },
      ]);
    }
    const referrer = files.get(from.file);
    const pos = referrer?.locate(pointerSegments(from.pointer));
    throw new InputError([
      {
        severity: "error",
        code: "ref-file-missing",
        file: from.file,
        position: pos,
        pointer: from.pointer,
        message:
          `$ref points into ${path}, which cannot be read (${reason}); ` +
          "fix the path, relative to the file that holds the $ref",
      },
    ]);
  }
  return parseSource(path, text);
}

/**
 * A Swagger 2.0 root document, converted to OpenAPI 3.0 (see `./swagger2.ts`); any other file as it is. The
 * converted file keeps the original's path and text, and locates paths of the converted document in the text.
 */
function fromSwagger2(file: LoadedFile): LoadedFile {
  const doc = file.value;
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) return file;
  const root = doc as Record<string, unknown>;
  // `swagger: 2.0` unquoted in YAML is the number 2
  if (root["swagger"] !== "2.0" && root["swagger"] !== 2) return file;
  const conversion = convertSwagger2({ ...root, swagger: "2.0" }, file.text);
  if (!conversion.ok) {
    // "Could not resolve reference #/definitions/X": point at the first such $ref
    const ref = /reference (#\S*)/.exec(conversion.message)?.[1];
    const at = ref === undefined ? undefined : refPath(root, ref);
    throw new InputError([
      {
        severity: "error",
        code: "swagger-2-invalid",
        file: file.path,
        position: file.locate(at ?? ["swagger"]),
        pointer: at === undefined ? undefined : encodePointer(at),
        message:
          `this Swagger 2.0 document cannot be converted to OpenAPI 3.0 (${converterName()}): ` +
          `${conversion.message}; fix the document, or convert it yourself and pass the OpenAPI 3 file`,
      },
    ]);
  }
  const renamed = schemaNames(root["definitions"]);
  const original = (path: readonly string[]): string[] => originalPath(path, renamed);
  return {
    ...file,
    value: inSpecOrder(conversion.openapi, renamed),
    locate: (path) => file.locate(original(path)),
    converted: { from: "Swagger 2.0", by: converterName(), originalPath: original },
  };
}

/** The converter moves renamed schemas to the end of `components.schemas`: back to the order of `definitions`. */
function inSpecOrder(openapi: unknown, renamed: ReadonlyMap<string, string>): unknown {
  const components = (openapi as { components?: { schemas?: Record<string, unknown> } }).components;
  const schemas = components?.schemas;
  if (schemas === undefined) return openapi;
  const ordered: Record<string, unknown> = {};
  for (const name of [...renamed.values(), ...Object.keys(schemas)]) if (name in schemas) ordered[name] = schemas[name];
  components!.schemas = ordered;
  return openapi;
}

/** The path of the first `$ref` whose value is `ref`, in document order. */
function refPath(value: unknown, ref: string, seen = new Set<object>()): string[] | undefined {
  if (value === null || typeof value !== "object" || seen.has(value)) return undefined;
  seen.add(value);
  if ((value as Record<string, unknown>)["$ref"] === ref) return ["$ref"];
  for (const [key, child] of Object.entries(value)) {
    const below = refPath(child, ref, seen);
    if (below !== undefined) return [key, ...below];
  }
  return undefined;
}

/** Parses one file's text. Pure: used by `readSpec` and directly by tests. */
export function parseSource(path: string, text: string): LoadedFile {
  if (text.includes("\u0000")) {
    throw inputError(path, text, 0, "input-binary", "this file is binary, not a YAML or JSON OpenAPI document");
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === "")
    throw inputError(path, text, 0, "input-empty", "the file is empty; expected an OpenAPI 3.x document");
  const ext = extname(path).toLowerCase();
  const json = ext === ".json" || (ext !== ".yaml" && ext !== ".yml" && /^\s*[{[]/.test(text));
  return json ? parseJson(path, text) : parseYaml(path, text);
}

function parseJson(path: string, text: string): LoadedFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const at = /position (\d+)/.exec(message);
    const lineCol = /line (\d+) column (\d+)/.exec(message);
    const clean = message.replace(/\s*in JSON at position \d+.*$/s, "").replace(/\s*\(line \d+ column \d+\)/, "");
    const diagnostic: Diagnostic = {
      severity: "error",
      code: "json-syntax",
      file: path,
      position: lineCol
        ? { line: Number(lineCol[1]), col: Number(lineCol[2]) }
        : at
          ? positionAt(text, Number(at[1]))
          : undefined,
      message: `invalid JSON: ${clean}`,
    };
    throw new InputError([diagnostic]);
  }
  return { path, text, format: "json", value, locate: (pointer) => locateJson(text, pointer) };
}

function parseYaml(path: string, text: string): LoadedFile {
  const lineCounter = new LineCounter();
  // yaml's own unique-key check compares every pair of keys in a map (half the parse time on OpenAI's spec);
  // duplicateKeys below does the same check with a set per map
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false, merge: true, prettyErrors: false });
  if (doc.errors.length === 0) {
    const duplicate = duplicateKey(doc.contents);
    if (duplicate !== undefined) {
      const pos = lineCounter.linePos(duplicate.offset);
      throw new InputError([
        {
          severity: "error",
          code: "yaml-duplicate-key",
          file: path,
          position: { line: pos.line, col: pos.col },
          message:
            `invalid YAML: the key ${JSON.stringify(duplicate.key)} appears twice in the same mapping; ` +
            "remove or rename one",
        },
      ]);
    }
  }
  if (doc.errors.length > 0) {
    throw new InputError(
      doc.errors.slice(0, 10).map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        return {
          severity: "error",
          code: e.code === "DUPLICATE_KEY" ? "yaml-duplicate-key" : "yaml-syntax",
          file: path,
          position: { line: pos.line, col: pos.col },
          message: `invalid YAML: ${e.message.split("\n")[0]}`,
        } satisfies Diagnostic;
      }),
    );
  }
  const value = doc.toJS({ maxAliasCount: -1 });
  return { path, text, format: "yaml", value, locate: (pointer) => locateYaml(doc, lineCounter, pointer) };
}

/** The first key that repeats within one mapping (merge keys `<<` excepted), with its offset. */
function duplicateKey(root: unknown): { key: string; offset: number } | undefined {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : JSON.stringify(pair.key);
        if (key !== "<<") {
          if (seen.has(key)) return { key, offset: (pair.key as YamlNode | null)?.range?.[0] ?? 0 };
          seen.add(key);
        }
        stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
  return undefined;
}

function inputError(path: string, text: string, offset: number, code: string, message: string): InputError {
  return new InputError([{ severity: "error", code, file: path, position: positionAt(text, offset), message }]);
}

/** `#/a/b~1c` → `["a", "b/c"]` (from `./pointer.ts`, re-exported for the modules that locate diagnostics). */
export { pointerSegments };

function* externalRefs(value: unknown): Generator<{ ref: string; pointer: string }> {
  const stack: { v: unknown; p: string }[] = [{ v: value, p: "#" }];
  while (stack.length > 0) {
    const { v, p } = stack.pop()!;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], p: `${p}/${i}` });
    } else if (v !== null && typeof v === "object") {
      const ref = (v as Record<string, unknown>)["$ref"];
      if (typeof ref === "string" && !ref.startsWith("#")) yield { ref, pointer: `${p}/$ref` };
      // pushed in reverse so refs come out in document order
      for (const [k, child] of Object.entries(v).reverse()) {
        if (child !== null && typeof child === "object") stack.push({ v: child, p: `${p}/${encodeSegment(k)}` });
      }
    }
  }
}

function locateYaml(doc: Document, lines: LineCounter, path: readonly string[]): Position | undefined {
  let node: unknown = doc.contents;
  let at: number | undefined = (node as YamlNode | null)?.range?.[0];
  for (const seg of path) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === seg);
      if (pair === undefined) break;
      at = isScalar(pair.key) ? pair.key.range?.[0] : at;
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(seg)];
      if (item === undefined) break;
      node = item;
      at = (item as YamlNode).range?.[0] ?? at;
    } else break;
  }
  if (at === undefined) return undefined;
  const pos = lines.linePos(at);
  return { line: pos.line, col: pos.col };
}

/** Finds a JSON pointer's key in JSON text by scanning, skipping every subtree off the path. */
export function locateJson(text: string, path: readonly string[]): Position | undefined {
  let i = 0;
  const n = text.length;
  const ws = (): void => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) i++;
      else break;
    }
  };
  const skipString = (): void => {
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 92) i += 2;
      else if (c === 34) {
        i++;
        return;
      } else i++;
    }
  };
  const skipValue = (): void => {
    ws();
    let depth = 0;
    do {
      const c = text.charCodeAt(i);
      if (c === 34) skipString();
      else {
        if (c === 123 || c === 91) depth++;
        else if (c === 125 || c === 93) depth--;
        else if (depth === 0 && (c === 44 || c === 32 || c === 10 || c === 13 || c === 9)) return;
        i++;
      }
    } while (i < n && depth > 0);
    if (depth === 0) {
      // a scalar: run to its end
      while (i < n && !/[,}\]\s]/.test(text[i]!)) i++;
    }
  };
  let at = 0;
  ws();
  at = i;
  for (const seg of path) {
    ws();
    const c = text.charCodeAt(i);
    if (c === 123) {
      i++;
      let found = false;
      for (;;) {
        ws();
        if (text.charCodeAt(i) !== 34) return positionAt(text, at);
        const keyStart = i;
        skipString();
        let key: string;
        try {
          key = JSON.parse(text.slice(keyStart, i)) as string;
        } catch {
          return positionAt(text, at);
        }
        ws();
        i++; // ':'
        if (key === seg) {
          at = keyStart;
          found = true;
          break;
        }
        skipValue();
        ws();
        if (text.charCodeAt(i) !== 44) break;
        i++;
      }
      if (!found) return positionAt(text, at);
    } else if (c === 91) {
      i++;
      const index = Number(seg);
      for (let k = 0; k < index; k++) {
        skipValue();
        ws();
        if (text.charCodeAt(i) !== 44) return positionAt(text, at);
        i++;
      }
      ws();
      at = i;
    } else break;
  }
  return positionAt(text, at);
}
