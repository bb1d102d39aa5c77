/** Facts about declarations that several emitters need, each computed once per run. */
import type { Ir, Node } from "../ir/types.js";
import { acceptsNothing, children } from "../ir/walk.js";
import type { Names } from "../naming/assign-names.js";

export interface Analysis {
  /** Declarations whose wire type differs from the model type (a key is renamed somewhere inside). */
  readonly renames: ReadonlySet<string>;
  /** Declarations whose mappers rebuild something (an object inside): the rest map as the identity. */
  readonly copies: ReadonlySet<string>;
  /**
   * Declarations that no JSON value fits (`false`, a required key whose schema is `false`, through refs):
   * never a union candidate in mappers, guards and parse.
   */
  readonly empty: ReadonlySet<string>;
}

/** Whether the mappers rebuild a value of `node` (an object inside) rather than share it: its wire and model types may differ. */
export function converts(node: Node, analysis: Pick<Analysis, "copies">): boolean {
  if (node.kind === "object") return true;
  if (node.kind === "ref") return analysis.copies.has(node.target);
  return children(node).some((c) => converts(c, analysis));
}

export function analyse(ir: Ir, names: Names): Analysis {
  // one walk over every declaration: who refers to whom, and which contain an object (renaming a key or not)
  const dependents = new Map<string, string[]>();
  const objects = new Set<string>();
  const renamed = new Set<string>();
  for (const decl of ir.decls) {
    const stack: Node[] = [decl.node];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.kind === "ref") {
        const list = dependents.get(node.target);
        if (list === undefined) dependents.set(node.target, [decl.id]);
        else list.push(decl.id);
      } else if (node.kind === "object") {
        objects.add(decl.id);
        if (names.keys(node).some((k, i) => k !== node.properties[i]!.key)) renamed.add(decl.id);
      }
      stack.push(...children(node));
    }
  }
  return { renames: throughRefs(renamed, dependents), copies: throughRefs(objects, dependents), empty: emptyDecls(ir, dependents) };
}

/**
 * The least set of declarations that accept nothing: a declaration joins when its node accepts nothing given
 * the set so far (a ref back to a declaration not in the set is assumed to accept something, so a recursion
 * decides nothing alone); the test is monotone, so the order of the worklist does not change the result.
 */
function emptyDecls(ir: Ir, dependents: ReadonlyMap<string, readonly string[]>): ReadonlySet<string> {
  const byId = new Map(ir.decls.map((d) => [d.id, d.node]));
  const empty = new Set<string>();
  const queue = ir.decls.map((d) => d.id).reverse();
  while (queue.length > 0) {
    const id = queue.pop()!;
    const node = byId.get(id);
    if (empty.has(id) || node === undefined || !acceptsNothing(node, empty)) continue;
    empty.add(id);
    queue.push(...(dependents.get(id) ?? []));
  }
  return empty;
}

/** The declarations in `marked` and every declaration that reaches one of them through a chain of refs. */
function throughRefs(marked: ReadonlySet<string>, dependents: ReadonlyMap<string, readonly string[]>): ReadonlySet<string> {
  const out = new Set(marked);
  const queue = [...marked];
  while (queue.length > 0) {
    for (const dep of dependents.get(queue.pop()!) ?? []) {
      if (!out.has(dep)) {
        out.add(dep);
        queue.push(dep);
      }
    }
  }
  return out;
}
