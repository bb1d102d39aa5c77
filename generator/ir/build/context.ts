/**
 * The state one `buildIr` run shares between its rules, kept small and explicit: the declarations found so far
 * (and the queue of those still to build), the diagnostics, and the guards that stop recursive schemas from
 * being expanded forever. Rules reach nested schemas through `ctx.build`, the rule table's entry point.
 */
import { basename, extname } from "node:path";
import type { Diagnostic, Severity } from "../../diagnostics.js";
import { encodePointer } from "../../diagnostics.js";
import type { OpenApiVersion } from "../../load/check-spec.js";
import type { SpecSet } from "../../load/read-spec.js";
import { isRemote, locationId, refLocation, valueAt, type Location } from "../../load/resolve-ref.js";
import type { Decl, Node } from "../types.js";

/** A declaration found (a component schema or a `$ref` target), before it is built. */
export interface DeclEntry {
  readonly nameParts: readonly string[];
  readonly source: Decl["source"];
  readonly origin: Location;
  /** Registered while the operations were collected (see Decl.forOperations). */
  readonly forOperations?: true;
}

export interface Registry {
  /** Every declaration, in the order found (the order of the IR). */
  readonly decls: Map<string, DeclEntry>;
  /** Ids registered and not built yet. */
  readonly queue: string[];
  /** Set once every declaration the components reach is built: what is registered after is for operations. */
  forOperations: boolean;
}

export interface Guards {
  /**
   * Declarations being expanded right now: the one being built (see buildIr) and the schemas whose properties
   * are being built into an allOf merge (see buildAllOf). An allOf that merges one of them again is recursive.
   */
  readonly expanding: Set<string>;
  /** How many property schemas copied from a merged `$ref` (PropertyPart.copied) are being built right now. */
  copying: number;
  /**
   * How many assertion schemas (`not`, `if`, `contains`, ...) are being built right now: inside one, a schema
   * without `type` is read as JSON Schema reads it (see buildTyped), since only validation reads it.
   */
  asserting: number;
  /** Properties already reported as `allof-conflict` (a copied property is merged once per schema using it). */
  readonly conflicts: Set<string>;
}

/** Builds one schema found at `at` into a node: the rule table, given the context to recurse with. */
export type BuildSchema = (schema: unknown, at: Location, ctx: BuildContext) => Node;

export interface BuildContext {
  readonly specs: SpecSet;
  readonly version: OpenApiVersion;
  /** A nested schema → its node, through the rule table. */
  readonly build: (schema: unknown, at: Location) => Node;
  readonly registry: Registry;
  readonly guards: Guards;
  /** In the order found. */
  readonly diagnostics: Diagnostic[];
}

export function createContext(specs: SpecSet, version: OpenApiVersion, buildSchema: BuildSchema): BuildContext {
  const ctx: BuildContext = {
    specs,
    version,
    build: (schema, at) => buildSchema(schema, at, ctx),
    registry: { decls: new Map(), queue: [], forOperations: false },
    guards: { expanding: new Set(), copying: 0, asserting: 0, conflicts: new Set() },
    diagnostics: [],
  };
  return ctx;
}

export function report(ctx: BuildContext, severity: Severity, code: string, at: Location, message: string): void {
  const position = ctx.specs.files.get(at.file)?.locate(at.path);
  ctx.diagnostics.push({ severity, code, file: at.file, position, pointer: encodePointer(at.path), message });
}

/** The location of a keyword (or a list element) below `at`. */
export function child(at: Location, ...segs: (string | number)[]): Location {
  return { file: at.file, path: [...at.path, ...segs.map(String)] };
}

/**
 * The id of the declaration at `origin`, registering (and queueing, unless `queue: false`: its node is built by
 * the caller) it when it is new.
 */
export function register(
  registry: Registry,
  origin: Location,
  nameParts: readonly string[],
  source: Decl["source"],
  options: { readonly queue?: boolean } = {},
): string {
  const id = locationId(origin);
  if (!registry.decls.has(id)) {
    registry.decls.set(id, { nameParts, source, origin, ...(registry.forOperations ? { forOperations: true } : {}) });
    if (options.queue !== false) registry.queue.push(id);
  }
  return id;
}

export interface ResolvedRef {
  /** The declaration it names (registered). */
  readonly id: string;
  readonly schema: unknown;
  readonly loc: Location;
}

/** The declaration a `$ref` (written at `at`) points to; undefined, with an error, when it points nowhere. */
export function resolveRef(ctx: BuildContext, ref: unknown, at: Location): ResolvedRef | undefined {
  const refAt = child(at, "$ref");
  if (typeof ref !== "string") {
    report(ctx, "error", "ref-invalid", refAt, `$ref must be a string, got ${JSON.stringify(ref)}`);
    return undefined;
  }
  if (isRemote(ref)) {
    const message = `remote $ref "${ref}" is not supported; download the document and refer to it by a relative path`;
    report(ctx, "error", "ref-remote", refAt, message);
    return undefined;
  }
  const loc = refLocation(ref, at.file);
  const found = valueAt(ctx.specs, loc);
  if (!found.found) {
    const where =
      loc.path.length === 0 ? "the file is empty" : `no ${encodePointer(loc.path)} in ${basename(loc.file)}`;
    const message = `$ref "${ref}" points to nothing: ${where}; fix the pointer or add the schema`;
    report(ctx, "error", "ref-missing", refAt, message);
    return undefined;
  }
  const isComponent = loc.path.length === 3 && loc.path[0] === "components" && loc.path[1] === "schemas";
  const nameParts = isComponent ? [loc.path[2]!] : refNameParts(loc);
  const id = register(ctx.registry, loc, nameParts, isComponent && loc.file === ctx.specs.root ? "component" : "ref");
  return { id, schema: found.value, loc };
}

/** `f()`, with `ids` counted as being expanded while it runs. */
export function expandingWhile<T>(guards: Guards, ids: readonly string[], f: () => T): T {
  const added = [...new Set(ids)].filter((id) => !guards.expanding.has(id));
  for (const id of added) guards.expanding.add(id);
  try {
    return f();
  } finally {
    for (const id of added) guards.expanding.delete(id);
  }
}

/** `f()`, counted as building an assertion's schema while it runs. */
export function assertingWhile<T>(guards: Guards, f: () => T): T {
  guards.asserting++;
  try {
    return f();
  } finally {
    guards.asserting--;
  }
}

/** `f()`, counted as building a property copied from a merged `$ref` while it runs. */
export function copyingWhile<T>(guards: Guards, f: () => T): T {
  guards.copying++;
  try {
    return f();
  } finally {
    guards.copying--;
  }
}

const STRUCTURAL = new Set([
  "components",
  "schemas",
  "properties",
  "items",
  "allOf",
  "anyOf",
  "oneOf",
  "not",
  "additionalProperties",
  "definitions",
  "$defs",
  "prefixItems",
  "paths",
  "responses",
  "requestBody",
  "content",
  "schema",
  "parameters",
]);

/** Name parts for a ref target that is not a component schema: the last meaningful pointer segments, or the file. */
function refNameParts(loc: Location): readonly string[] {
  const meaningful = loc.path.filter((s) => !STRUCTURAL.has(s) && !/^\d+$/.test(s) && !s.includes("/"));
  if (meaningful.length > 0) return meaningful.slice(-2);
  return [basename(loc.file, extname(loc.file))];
}
