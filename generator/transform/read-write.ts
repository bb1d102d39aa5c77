/**
 * Read and write variants (the `readWrite` option, on by default): a declaration whose shape has a `readOnly` or
 * `writeOnly` property, itself or through the declarations its shape refers to, gets a second declaration for the
 * request direction, named `<Name>Writable` (hey-api's name): readOnly properties left out, writeOnly ones kept,
 * and its references pointing at the Writable variants where those exist. The original is the response direction:
 * its writeOnly properties are left out. A declaration with neither is left as it is and gets no variant.
 *
 * - A property is readOnly (writeOnly) when its schema says so, or when it refers (`$ref`, maybe `| null`) to a
 *   declaration whose own schema says so (GitHub's `alert-number`: `{ type: integer, readOnly: true }`).
 * - Only the shape counts (shapeChildren: properties, items, record values, union and allOf members, through
 *   refs), never the nodes an assertion validates against (`not`, `if`, ...): those are left as they are.
 * - A left-out property is gone from the variant's object: a required one is no longer required; a closed object
 *   (`additionalProperties: false`) stays closed, so parse rejects the key as it rejects any undeclared one.
 * - A key a union's discriminator reads is kept in the union's members (in every object of theirs: a member's own
 *   nested objects seldom repeat it), readOnly or not: without it the variants could not be told apart.
 * - Recursion needs nothing special: which declarations get a variant is a fixpoint over references, and a
 *   variant refers to variants by id.
 * - The variant's id is the original's plus `~writable` (a `~` not followed by `0` or `1` is in no JSON pointer),
 *   its origin the original's; `assignNames` names variants after every other declaration, so turning the option
 *   on renames nothing else.
 * - Operations' request bodies refer to the writable variant; responses keep the original. An operation's
 *   parameters are left as they are (a readOnly or writeOnly parameter is still sent).
 */
import type { Decl, Doc, Ir, Node, Property } from "../ir/types.js";
import { mapShapeChildren, nonNullMember, refTargets, shapeChildren } from "../ir/walk.js";
import { operationDecls, reachable, reaches } from "./select.js";

/** The id of a declaration's request variant. */
export function writableId(id: string): string {
  return `${id}~writable`;
}

type Direction = "request" | "response";

export function readWrite(ir: Ir): Ir {
  const byId = new Map(ir.decls.map((d) => [d.id, d]));
  const refDoc = (node: Node): Doc | undefined => {
    const inner = nonNullMember(node) ?? node;
    return inner.kind === "ref" ? byId.get(inner.target)?.doc : undefined;
  };
  const flag = (p: Property, key: "readOnly" | "writeOnly"): boolean =>
    p.doc[key] === true || refDoc(p.node)?.[key] === true;
  // a union's discriminator tells its members apart in both directions: that key of each member is kept
  const tags = new Map<string, Set<string>>();
  const visitUnions = (node: Node): void => {
    if (node.kind === "union" && node.discriminator !== undefined)
      for (const m of node.members) {
        const inner = nonNullMember(m) ?? m;
        if (inner.kind !== "ref") continue;
        const keys = tags.get(inner.target) ?? new Set<string>();
        keys.add(node.discriminator.property);
        tags.set(inner.target, keys);
      }
    shapeChildren(node).forEach(visitUnions);
  };
  for (const d of ir.decls) visitUnions(d.node);
  /** Left out of the object in that direction (`kept`: the keys a discriminator reads). */
  const leftOut = (p: Property, direction: Direction, kept?: ReadonlySet<string>): boolean =>
    kept?.has(p.key) !== true && (direction === "request" ? flag(p, "readOnly") : flag(p, "writeOnly"));

  // the declarations that get a variant: a flagged property in their own shape, or a reference (of the shape) to
  // one that gets one
  const flagged = (node: Node, kept: ReadonlySet<string> | undefined): boolean =>
    (node.kind === "object" &&
      node.properties.some((p) => leftOut(p, "request", kept) || leftOut(p, "response", kept))) ||
    shapeChildren(node).some((c) => flagged(c, kept));
  const shapeRefs = (node: Node): string[] => refTargets(node, shapeChildren);
  const own = new Set(ir.decls.filter((d) => flagged(d.node, tags.get(d.id))).map((d) => d.id));
  const reach = reaches(byId, own, shapeRefs);
  // an operation's parameters are sent, never received, and a parameter is not a property to leave out
  const params = new Set((ir.operations ?? []).flatMap((op) => (op.params === undefined ? [] : [op.params.decl])));
  const split = new Set(ir.decls.filter((d) => reach(d.id) && !params.has(d.id)).map((d) => d.id));
  if (split.size === 0) return ir;

  /** The node in one direction: flagged properties left out; in the request direction refs to the variants. */
  const rewrite = (node: Node, direction: Direction, kept?: ReadonlySet<string>): Node =>
    mapShape(node, (n) => {
      if (n.kind === "ref")
        return direction === "request" && split.has(n.target) ? { ...n, target: writableId(n.target) } : n;
      if (n.kind !== "object" || !n.properties.some((p) => leftOut(p, direction, kept))) return n;
      return { ...n, properties: n.properties.filter((p) => !leftOut(p, direction, kept)) };
    });

  const decls: Decl[] = [];
  for (const d of ir.decls) {
    if (!split.has(d.id)) {
      decls.push(d);
      continue;
    }
    decls.push({ ...d, node: rewrite(d.node, "response", tags.get(d.id)) });
    decls.push({
      ...d,
      id: writableId(d.id),
      nameParts: [...d.nameParts, "Writable"],
      node: rewrite(d.node, "request", tags.get(d.id)),
      variant: { of: d.id },
    });
  }
  const operations = ir.operations?.map((op) =>
    op.requestBody?.decl !== undefined && split.has(op.requestBody.decl)
      ? { ...op, requestBody: { ...op.requestBody, decl: writableId(op.requestBody.decl) } }
      : op,
  );
  return collapse({ ...ir, decls, ...(operations === undefined ? {} : { operations }) }, split);
}

/**
 * What is written for an operation only (its inline bodies, what is hoisted out of them) travels one way: an
 * inline request body's original is then used by nothing, and it takes the request form under its own id and name
 * (`CreateFooBody`, not `CreateFooBodyWritable`); an inline response's variant is used by nothing, and it goes.
 * Component schemas and their parts always keep both forms.
 */
function collapse(ir: Ir, split: ReadonlySet<string>): Ir {
  const byId = new Map(ir.decls.map((d) => [d.id, d]));
  const used = reachable(byId, [
    ...ir.decls.filter((d) => d.source === "component" || d.source === "ref").map((d) => d.id),
    ...(ir.operations ?? []).flatMap(operationDecls),
  ]);
  const oneWay = (id: string): boolean =>
    split.has(id) && byId.get(id)!.source !== "component" && byId.get(id)!.source !== "ref";
  const collapsed = new Set([...split].filter((id) => oneWay(id) && !used.has(id)));
  const dropped = new Set([...split].filter((id) => oneWay(id) && used.has(id) && !used.has(writableId(id))));
  if (collapsed.size === 0 && dropped.size === 0) return ir;
  const target = (id: string): string => {
    const of = byId.get(id)?.variant?.of;
    return of !== undefined && collapsed.has(of) ? of : id;
  };
  const retarget = (node: Node): Node =>
    mapShape(node, (n) => (n.kind === "ref" && target(n.target) !== n.target ? { ...n, target: target(n.target) } : n));
  const decls = ir.decls.flatMap((d): Decl[] => {
    if (collapsed.has(d.id) || (d.variant !== undefined && dropped.has(d.variant.of))) return [];
    const node = retarget(d.node);
    if (d.variant === undefined || !collapsed.has(d.variant.of)) return [node === d.node ? d : { ...d, node }];
    const { variant: _, ...original } = d;
    return [{ ...original, id: d.variant.of, nameParts: d.nameParts.slice(0, -1), node }];
  });
  const operations = ir.operations?.map((op) =>
    op.requestBody?.decl === undefined
      ? op
      : { ...op, requestBody: { ...op.requestBody, decl: target(op.requestBody.decl) } },
  );
  return { ...ir, decls, ...(operations === undefined ? {} : { operations }) };
}

/**
 * `f` applied to every node of a shape, children first (shapeChildren only: assertions are left as they are); a
 * node whose children `f` leaves alone is passed to `f` itself, so an unchanged subtree keeps its identity.
 */
function mapShape(node: Node, f: (n: Node) => Node): Node {
  return f(mapShapeChildren(node, (child) => mapShape(child, f)));
}
