/**
 * `--include` / `--exclude`: keep the chosen component schemas and operations and everything they reference, so
 * nothing dangles. A pattern is a schema name as written in the spec, or names operations: `op:<operationId>`,
 * `tag:<tag>`, or a path template starting with `/` (`/fine_tuning/jobs/*`); `*` matches any run of characters.
 * A kept operation keeps its bodies' and parameters' declarations. With `--include` and no operation pattern no
 * operation is kept; with only `--exclude`, every operation that is not excluded and needs no excluded schema is.
 * `exclude` removes schemas from the starting set only: a schema that a kept schema (or an operation `--include`
 * names) still needs is kept, with a warning.
 */
import type { Diagnostic } from "../diagnostics.js";
import { encodePointer } from "../diagnostics.js";
import type { Decl, Ir, Node, Operation } from "../ir/types.js";
import { refTargets } from "../ir/walk.js";
import { typeName } from "../naming/casing.js";
import { didYouMean } from "../suggest.js";
import { hoistInline } from "./hoist-inline.js";

export interface Selection {
  readonly include?: readonly string[] | undefined;
  readonly exclude?: readonly string[] | undefined;
  /** Off: there are no `...Writable` variants to explain (transform/read-write.ts). */
  readonly readWrite?: "split" | "off" | undefined;
}

type Kind = "schema" | "op" | "tag" | "path";

/** What a pattern names, and the pattern without its prefix. */
function parsePattern(pattern: string): { kind: Kind; glob: string } {
  if (pattern.startsWith("op:")) return { kind: "op", glob: pattern.slice(3) };
  if (pattern.startsWith("tag:")) return { kind: "tag", glob: pattern.slice(4) };
  if (pattern.startsWith("/")) return { kind: "path", glob: pattern };
  return { kind: "schema", glob: pattern };
}

/** The names an operation answers to, per kind of pattern. */
function operationNames(op: Operation, kind: Exclude<Kind, "schema">): readonly string[] {
  if (kind === "op") return [op.operationId ?? `${op.method} ${op.path}`];
  if (kind === "tag") return op.tags ?? [];
  return [op.path];
}

/** The declarations an operation refers to directly (its parameters and bodies). */
export function operationDecls(op: Operation): string[] {
  return [
    ...(op.params === undefined ? [] : [op.params.decl]),
    ...(op.requestBody?.decl === undefined ? [] : [op.requestBody.decl]),
    ...op.responses.flatMap((r) => (r.decl === undefined ? [] : [r.decl])),
  ];
}

export function selectDecls(ir: Ir, selection: Selection, file: string): { ir: Ir; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const include = (selection.include ?? []).map(parsePattern);
  const exclude = (selection.exclude ?? []).map(parsePattern);
  if (include.length === 0 && exclude.length === 0) return { ir, diagnostics };
  const components = ir.decls.filter((d) => d.source === "component");
  const operations = ir.operations ?? [];
  const name = (d: Decl): string => d.nameParts[0] ?? "";
  const matchesSchema = (p: { kind: Kind; glob: string }, d: Decl): boolean =>
    p.kind === "schema" && matches(p.glob, name(d));
  const matchesOperation = (p: { kind: Kind; glob: string }, op: Operation): boolean =>
    p.kind !== "schema" && operationNames(op, p.kind).some((n) => matches(p.glob, n));
  let parts: ReadonlyMap<string, Part> | undefined;
  for (const p of [...include, ...exclude]) {
    const found =
      p.kind === "schema"
        ? components.some((d) => matchesSchema(p, d))
        : operations.some((op) => matchesOperation(p, op));
    if (found) continue;
    const candidates =
      p.kind === "schema"
        ? components.map(name)
        : [...new Set(operations.flatMap((op) => operationNames(op, p.kind as Exclude<Kind, "schema">)))];
    const where =
      p.kind === "schema"
        ? "no schema in components.schemas"
        : p.kind === "op"
          ? "no operation (operationId)"
          : p.kind === "tag"
            ? "no operation tag"
            : "no path in paths";
    const exact = p.kind === "schema" && !p.glob.includes("*");
    if (exact) parts ??= hoistedParts(ir);
    const part = exact ? parts?.get(p.glob.toLowerCase()) : undefined;
    // `AccountWritable`: the request form of Account (transform/read-write.ts), which including Account brings
    const base =
      exact && selection.readWrite !== "off" && /.Writable$/.test(p.glob)
        ? p.glob.slice(0, -"Writable".length)
        : undefined;
    const of =
      base === undefined
        ? undefined
        : (components.find((d) => name(d) === base || typeName(d.nameParts) === base)?.nameParts[0] ??
          parts?.get(base.toLowerCase())?.schema);
    diagnostics.push({
      severity: "error",
      code: "select-unknown",
      file,
      message:
        of !== undefined
          ? `${JSON.stringify(p.glob)} is not in components.schemas: it is the request form (readOnly properties ` +
            `left out) of ${JSON.stringify(base)}, from the schema ${JSON.stringify(of)}; ` +
            `include ${JSON.stringify(of)} instead`
          : part === undefined
            ? `${where} matches ${JSON.stringify(p.glob)}${suggest(p.glob, candidates)}`
            : `${JSON.stringify(part.type)} is not in components.schemas: it is part of the schema ` +
              `${JSON.stringify(part.schema)} (at ${part.pointer}), named after it; ` +
              `include ${JSON.stringify(part.schema)} instead`,
    });
  }
  const includesSchemas = include.some((p) => p.kind === "schema");
  const includesOperations = include.some((p) => p.kind !== "schema");
  const roots = components.filter(
    (d) =>
      (include.length === 0 || (includesSchemas && include.some((p) => matchesSchema(p, d)))) &&
      !exclude.some((p) => matchesSchema(p, d)),
  );
  const byId = new Map(ir.decls.map((d) => [d.id, d]));
  const excluded = new Set(components.filter((d) => exclude.some((p) => matchesSchema(p, d))).map((d) => d.id));
  const needsExcluded = reaches(byId, excluded);
  // an operation named by --include is kept whatever it needs; one kept only because nothing is included is
  // left out when it needs an excluded schema, so that excluding a schema still leaves it out
  const keptOperations = operations.filter((op) =>
    exclude.some((p) => matchesOperation(p, op))
      ? false
      : include.length === 0
        ? !operationDecls(op).some(needsExcluded)
        : includesOperations && include.some((p) => matchesOperation(p, op)),
  );
  const keep = reachable(byId, [...roots.map((d) => d.id), ...keptOperations.flatMap(operationDecls)]);
  for (const d of components) {
    if (keep.has(d.id) && exclude.some((p) => matchesSchema(p, d))) {
      diagnostics.push({
        severity: "warning",
        code: "select-kept",
        file: d.origin.file,
        pointer: encodePointer(d.origin.path),
        message:
          `schema ${JSON.stringify(name(d))} is excluded but a kept schema or operation refers to it; ` +
          "it is kept so nothing dangles",
      });
    }
  }
  return {
    ir: { decls: ir.decls.filter((d) => keep.has(d.id)), operations: keptOperations },
    diagnostics,
  };
}

/** The declarations `roots` are or reach through their references (`targetsOf`: every ref, assertions' too). */
export function reachable(
  byId: ReadonlyMap<string, Decl>,
  roots: readonly string[],
  targetsOf: (node: Node) => readonly string[] = refTargets,
): Set<string> {
  const found = new Set<string>();
  const queue = [...roots];
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (found.has(id)) continue;
    found.add(id);
    for (const target of targetsOf(byId.get(id)!.node)) if (!found.has(target)) queue.push(target);
  }
  return found;
}

/**
 * Whether a declaration is one of `targets` or reaches one through its references (`targetsOf`: every ref,
 * assertions' too); walks the IR once.
 */
export function reaches(
  byId: ReadonlyMap<string, Decl>,
  targets: ReadonlySet<string>,
  targetsOf: (node: Node) => readonly string[] = refTargets,
): (id: string) => boolean {
  if (targets.size === 0) return () => false;
  const referrers = new Map<string, string[]>();
  for (const d of byId.values())
    for (const t of targetsOf(d.node)) {
      const list = referrers.get(t);
      if (list === undefined) referrers.set(t, [d.id]);
      else list.push(d.id);
    }
  const found = new Set(targets);
  const queue = [...targets];
  while (queue.length > 0)
    for (const r of referrers.get(queue.pop()!) ?? [])
      if (!found.has(r)) {
        found.add(r);
        queue.push(r);
      }
  return (id) => found.has(id);
}

/**
 * With a selection, warnings about component schemas and operations that were left out are noise: they are
 * dropped. Errors stay (the document is broken either way), as do warnings about anything else.
 */
export function selectedDiagnostics(diagnostics: readonly Diagnostic[], full: Ir, selected: Ir): Diagnostic[] {
  if (full === selected) return [...diagnostics];
  const kept = new Set(selected.decls.map((d) => d.id));
  const keptOperations = new Set(selected.operations ?? []);
  const left = new Set([
    ...full.decls
      .filter((d) => d.source === "component" && !kept.has(d.id))
      .map((d) => `${d.origin.file}\n${encodePointer(d.origin.path)}`),
    ...(full.operations ?? [])
      .filter((op) => !keptOperations.has(op))
      .map((op) => `${op.origin.file}\n${encodePointer(op.origin.path)}`),
  ]);
  return diagnostics.filter(
    (d) => d.severity === "error" || d.pointer === undefined || !left.has(`${d.file}\n${schemaPointer(d.pointer)}`),
  );
}

/**
 * `#/components/schemas/Foo/properties/x` → `#/components/schemas/Foo`; `#/paths/~1a/get/responses/200` →
 * `#/paths/~1a/get` (the same four segments).
 */
function schemaPointer(pointer: string): string {
  return pointer.split("/").slice(0, 4).join("/");
}

function matches(pattern: string, name: string): boolean {
  if (!pattern.includes("*")) return pattern === name;
  const re = new RegExp(
    `^${pattern
      .split("*")
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*")}$`,
    "s",
  );
  return re.test(name);
}

/** `; did you mean "A"?`: by edit distance; a pattern with `*` by the names that hold its longest literal part. */
function suggest(pattern: string, names: readonly string[]): string {
  if (!pattern.includes("*")) return didYouMean(pattern, names);
  const literal = pattern
    .split("*")
    .sort((a, b) => b.length - a.length)[0]!
    .toLowerCase();
  const close = literal === "" ? [] : names.filter((n) => n.toLowerCase().includes(literal)).slice(0, 3);
  return close.length === 0 ? "" : `; did you mean ${close.map((c) => JSON.stringify(c)).join(" or ")}?`;
}

interface Part {
  /** The type name the part gets (`FineTuningJobStatus`). */
  readonly type: string;
  /** The component schema it is hoisted out of (`FineTuningJob`). */
  readonly schema: string;
  /** Where it is in the spec. */
  readonly pointer: string;
}

/**
 * The inline schemas that hoisting turns into types of their own, by their type name in lower case: a name
 * the user saw in the output but that is not a component schema. Only computed for an unknown name.
 */
function hoistedParts(ir: Ir): Map<string, Part> {
  const byId = new Map(ir.decls.map((d) => [d.id, d]));
  const parts = new Map<string, Part>();
  for (const d of hoistInline(ir).decls) {
    if (d.source !== "hoisted") continue;
    const [owner, at] = d.id.split("@") as [string, string | undefined];
    const schema = byId.get(owner);
    if (schema === undefined || schema.source !== "component") continue;
    const type = typeName(d.nameParts);
    if (!parts.has(type.toLowerCase()))
      parts.set(type.toLowerCase(), {
        type,
        schema: schema.nameParts[0] ?? "",
        pointer: `${encodePointer(schema.origin.path)}${at ?? ""}`,
      });
  }
  return parts;
}
