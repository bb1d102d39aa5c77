/**
 * `--include` / `--exclude`: keep the chosen component schemas and everything they reference, so nothing
 * dangles. Patterns are schema names as written in the spec; `*` matches any run of characters.
 * `exclude` removes schemas from the starting set only: a schema that a kept schema still needs is kept,
 * with a warning.
 */
import type { Diagnostic } from "../diagnostics.js";
import { encodePointer } from "../diagnostics.js";
import type { Decl, Ir, Node } from "../ir/types.js";
import { children } from "../ir/walk.js";
import { typeName } from "../naming/casing.js";
import { didYouMean } from "../suggest.js";
import { hoistInline } from "./hoist-inline.js";

export interface Selection {
  readonly include?: readonly string[] | undefined;
  readonly exclude?: readonly string[] | undefined;
}

export function selectDecls(ir: Ir, selection: Selection, file: string): { ir: Ir; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const include = selection.include ?? [];
  const exclude = selection.exclude ?? [];
  if (include.length === 0 && exclude.length === 0) return { ir, diagnostics };
  const components = ir.decls.filter((d) => d.source === "component");
  const name = (d: Decl): string => d.nameParts[0] ?? "";
  let parts: ReadonlyMap<string, Part> | undefined;
  for (const pattern of [...include, ...exclude]) {
    if (!components.some((d) => matches(pattern, name(d)))) {
      parts ??= hoistedParts(ir);
      const part = pattern.includes("*") ? undefined : parts.get(pattern.toLowerCase());
      diagnostics.push({
        severity: "error",
        code: "select-unknown",
        file,
        message:
          part === undefined
            ? `no schema in components.schemas matches ${JSON.stringify(pattern)}` +
              suggest(pattern, components.map(name))
            : `${JSON.stringify(part.type)} is not in components.schemas: it is part of the schema ` +
              `${JSON.stringify(part.schema)} (at ${part.pointer}), named after it; ` +
              `include ${JSON.stringify(part.schema)} instead`,
      });
    }
  }
  const roots = components.filter(
    (d) =>
      (include.length === 0 || include.some((p) => matches(p, name(d)))) && !exclude.some((p) => matches(p, name(d))),
  );
  const byId = new Map(ir.decls.map((d) => [d.id, d]));
  const keep = new Set<string>();
  const queue = roots.map((d) => d.id);
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (keep.has(id)) continue;
    keep.add(id);
    const stack: Node[] = [byId.get(id)!.node];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.kind === "ref" && !keep.has(node.target)) queue.push(node.target);
      stack.push(...children(node));
    }
  }
  for (const d of components) {
    if (keep.has(d.id) && exclude.some((p) => matches(p, name(d)))) {
      diagnostics.push({
        severity: "warning",
        code: "select-kept",
        file: d.origin.file,
        pointer: encodePointer(d.origin.path),
        message:
          `schema ${JSON.stringify(name(d))} is excluded but a kept schema refers to it; ` +
          "it is kept so nothing dangles",
      });
    }
  }
  return { ir: { decls: ir.decls.filter((d) => keep.has(d.id)) }, diagnostics };
}

/**
 * With a selection, warnings about component schemas that were left out are noise: they are dropped.
 * Errors stay (the document is broken either way), as do warnings about anything that is not a schema.
 */
export function selectedDiagnostics(diagnostics: readonly Diagnostic[], full: Ir, selected: Ir): Diagnostic[] {
  if (full === selected) return [...diagnostics];
  const kept = new Set(selected.decls.map((d) => d.id));
  const left = new Set(
    full.decls
      .filter((d) => d.source === "component" && !kept.has(d.id))
      .map((d) => `${d.origin.file}\n${encodePointer(d.origin.path)}`),
  );
  return diagnostics.filter(
    (d) => d.severity === "error" || d.pointer === undefined || !left.has(`${d.file}\n${schemaPointer(d.pointer)}`),
  );
}

/** `#/components/schemas/Foo/properties/x` → `#/components/schemas/Foo`. */
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
