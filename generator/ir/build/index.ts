/**
 * Spec → IR: every component schema of the root document, every schema a `$ref` reaches, and each operation's
 * inline bodies and parameters (./operations.ts) become declarations, built by the rule table (./rules.ts).
 * The parsed spec is only read, never written.
 */
import type { Diagnostic } from "../../diagnostics.js";
import { encodePointer } from "../../diagnostics.js";
import type { CheckedSpec } from "../../load/check-spec.js";
import type { SpecSet } from "../../load/read-spec.js";
import { valueAt } from "../../load/resolve-ref.js";
import type { Decl, Doc, Ir, Node } from "../types.js";
import { directRefs } from "../walk.js";
import { child, createContext, expandingWhile, register, report, type BuildContext } from "./context.js";
import { docOf } from "./doc.js";
import { collectOperations } from "./operations.js";
import { buildSchema } from "./rules.js";

export interface BuildResult {
  readonly ir: Ir;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * The declarations in the order found (components in spec order first). A group of declarations defined as
 * themselves (`Baz: { $ref: Qux }`, `Qux: { $ref: Baz }`) gets a `ref-cycle` warning and is typed as any
 * value: the rest of the document is generated as usual.
 */
export function buildIr(specs: SpecSet, checked: CheckedSpec): BuildResult {
  const ctx = createContext(specs, checked.version, buildSchema);
  const { decls, queue } = ctx.registry;
  const root = { file: specs.root, path: ["components", "schemas"] };
  for (const name of checked.schemaNames) register(ctx.registry, child(root, name), [name], "component");
  const built = new Map<string, Decl>();
  const decl = (id: string, node: Node, doc: Doc): Decl => {
    const { nameParts, source, origin, forOperations } = decls.get(id)!;
    return { id, nameParts, node, doc, source, origin, ...(forOperations === true ? { forOperations } : {}) };
  };
  const drain = (): void => {
    while (queue.length > 0) {
      const id = queue.shift()!;
      const { origin } = decls.get(id)!;
      const found = valueAt(specs, origin);
      const schema = found.found ? found.value : undefined;
      // a declaration counts as being expanded while it is built: an allOf inside it that extends it again is a
      // reference to it, not a copy (`Node.children: allOf [Node, {...}]` is `(Node & {...})[]`)
      const node = expandingWhile(ctx.guards, [id], () => ctx.build(schema, origin));
      built.set(id, decl(id, node, docOf(schema)));
    }
  };
  drain();
  // the operations come after every declaration the components reach, which keep their order (and names)
  ctx.registry.forOperations = true;
  const collected = collectOperations(ctx);
  for (const b of collected.built) built.set(b.id, decl(b.id, b.node, b.doc));
  drain();
  const ir: Ir = { decls: [...decls.keys()].map((id) => built.get(id)!), operations: collected.operations };
  const cyclic = reportCycles(ir, ctx);
  if (cyclic.size === 0) return { ir, diagnostics: ctx.diagnostics };
  // no value is checked by such a cycle (JSON Schema never gets to a keyword that tests one): any value, the
  // one type that accepts whatever a validator might
  const anyValue = (d: Decl): Decl => (cyclic.has(d.id) ? { ...d, node: { kind: "unknown" } } : d);
  return { ir: { ...ir, decls: ir.decls.map(anyValue) }, diagnostics: ctx.diagnostics };
}

/**
 * A `ref-cycle` warning per direct cycle, unless an `allof-cycle` was reported inside it already (mergeObjects);
 * returns the ids of the declarations on the warned cycles.
 */
function reportCycles(ir: Ir, ctx: BuildContext): Set<string> {
  const { decls } = ctx.registry;
  const cyclic = new Set<string>();
  const pointer = (id: string): string => encodePointer(decls.get(id)!.origin.path);
  for (const cycle of directCycles(ir)) {
    const origins = cycle.map((id) => decls.get(id)!.origin);
    const inside = (d: Diagnostic): boolean =>
      origins.some((o) => d.file === o.file && (d.pointer ?? "").startsWith(`${encodePointer(o.path)}/`));
    if (ctx.diagnostics.some((d) => d.code === "allof-cycle" && inside(d))) continue;
    const names = [...cycle, cycle[0]!].map(pointer);
    const message =
      `${names[0]} is defined as itself (${names.join(" → ")}) through $ref, allOf, oneOf or anyOf with no object ` +
      `or array in between; no type can be that: ${cycle.length === 1 ? "it is" : "they are"} typed as any value ` +
      "(unknown), break the cycle";
    report(ctx, "warning", "ref-cycle", decls.get(cycle[0]!)!.origin, message);
    for (const id of cycle) cyclic.add(id);
  }
  return cyclic;
}

/**
 * The cycles of declarations defined as themselves through refs, unions and intersections only (`A: { $ref: A }`,
 * `A: { allOf: [{ $ref: A }, { description }] }`, `A: { oneOf: [B, string] }` with `B: { $ref: A }`): at least one
 * per group of such declarations, each as its ids in order from the first declared.
 */
function directCycles(ir: Ir): string[][] {
  const nodes = new Map(ir.decls.map((d) => [d.id, d.node]));
  const state = new Map<string, "open" | "done">();
  const path: string[] = [];
  const cycles: string[][] = [];
  const visit = (id: string): void => {
    state.set(id, "open");
    path.push(id);
    const node = nodes.get(id);
    for (const next of node === undefined ? [] : directRefs(node)) {
      const s = state.get(next);
      if (s === "open") cycles.push(path.slice(path.indexOf(next)));
      else if (s === undefined) visit(next);
    }
    path.pop();
    state.set(id, "done");
  };
  for (const d of ir.decls) if (!state.has(d.id)) visit(d.id);
  return cycles;
}
