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

export function analyse(ir: Ir, names: Names): Analysis {
  return {
    renames: propagate(ir, (n) => n.kind === "object" && names.keys(n).some((k, i) => k !== n.properties[i]!.key)),
    copies: propagate(ir, (n) => n.kind === "object"),
    empty: emptyDecls(ir),
  };
}

/**
 * The least set of declarations that accept nothing: a declaration joins when its node accepts nothing given
 * the set so far (a ref back to a declaration not in the set is assumed to accept something, so a recursion
 * decides nothing alone); the test is monotone, so the order of the worklist does not change the result.
 */
function emptyDecls(ir: Ir): ReadonlySet<string> {
  const dependents = new Map<string, string[]>();
  for (const decl of ir.decls) {
    const stack: Node[] = [decl.node];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.kind === "ref") {
        const list = dependents.get(node.target);
        if (list === undefined) dependents.set(node.target, [decl.id]);
        else list.push(decl.id);
      }
      stack.push(...children(node));
    }
  }
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

/** Declarations that contain a node matching `hit`, directly or through any chain of refs. */
function propagate(ir: Ir, hit: (node: Node) => boolean): ReadonlySet<string> {
  const dependents = new Map<string, string[]>();
  const marked = new Set<string>();
  for (const decl of ir.decls) {
    const stack: Node[] = [decl.node];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.kind === "ref") {
        const list = dependents.get(node.target);
        if (list === undefined) dependents.set(node.target, [decl.id]);
        else list.push(decl.id);
      } else if (hit(node)) marked.add(decl.id);
      stack.push(...children(node));
    }
  }
  const queue = [...marked];
  while (queue.length > 0) {
    for (const dep of dependents.get(queue.pop()!) ?? []) {
      if (!marked.has(dep)) {
        marked.add(dep);
        queue.push(dep);
      }
    }
  }
  return marked;
}
