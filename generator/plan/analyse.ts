/**
 * Facts about whole declarations, each computed once per run by one walk over the IR: does a declaration's wire
 * type differ from its model type, does mapping it rebuild anything, does any value fit it at all. Only shapes
 * count: the nodes an assertion validates against are never mapped.
 */
import type { Ir, Node } from "../ir/types.js";
import { acceptsNothing, shapeChildren } from "../ir/walk.js";
import type { Names } from "../naming/assign-names.js";

export interface Analysis {
  /**
   * The wire type differs from the model type: a key is renamed somewhere inside, or an instant is a `Date`
   * (through refs).
   */
  differs(id: string): boolean;
  /**
   * The mappers rebuild a value (an object or an instant inside, through refs): otherwise they map it as the
   * identity.
   */
  converts(id: string): boolean;
  /**
   * No JSON value fits the declaration (`false`, a required key whose schema is `false`, through refs): never a
   * union candidate in mappers, guards and parse.
   */
  empty(id: string): boolean;
  /** The set behind `empty`, for `acceptsNothing`. */
  readonly emptySet: ReadonlySet<string>;
}

/** Whether the mappers rebuild a value of `node` (an object or an instant inside) rather than share it. */
export function converts(node: Node, analysis: Pick<Analysis, "converts">): boolean {
  if (node.kind === "object" || node.kind === "date") return true;
  if (node.kind === "ref") return analysis.converts(node.target);
  return shapeChildren(node).some((c) => converts(c, analysis));
}

export function analyse(ir: Ir, names: Names): Analysis {
  // one walk over every declaration: who refers to whom, which contain an object (renaming a key or not) or an
  // instant (a `Date` in the model)
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
      } else if (node.kind === "date") {
        objects.add(decl.id);
        renamed.add(decl.id);
      }
      stack.push(...shapeChildren(node));
    }
  }
  const renames = throughRefs(renamed, dependents);
  const copies = throughRefs(objects, dependents);
  const empty = emptyDecls(ir, dependents);
  return {
    differs: (id) => renames.has(id),
    converts: (id) => copies.has(id),
    empty: (id) => empty.has(id),
    emptySet: empty,
  };
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
function throughRefs(
  marked: ReadonlySet<string>,
  dependents: ReadonlyMap<string, readonly string[]>,
): ReadonlySet<string> {
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
