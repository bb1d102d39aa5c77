/**
 * Questions about IR nodes that look through references: what a node is once its `$ref`s are followed. Every
 * query that follows refs keeps one guard, the set of declarations already on its path, so it ends on any
 * graph (a chain of refs, unions and intersections back to itself is typed as any value, with a `ref-cycle`
 * warning, but the queries do not rely on that).
 */
import type { ArrayNode, Decl, Node, ObjectNode } from "./types.js";
import { assertNever, nonNullMember } from "./walk.js";

export type Decls = ReadonlyMap<string, Decl>;

/** The node a ref points to, or undefined when the target is unknown or already on the path (`seen`). */
function target(node: Node & { kind: "ref" }, decls: Decls, seen: Set<string>): Node | undefined {
  if (seen.has(node.target)) return undefined;
  seen.add(node.target);
  return decls.get(node.target)?.node;
}

/** The object a node is, through refs and a `| null` (`T | null` reads as `T`), or undefined. */
export function objectOf(node: Node, decls: Decls, seen = new Set<string>()): ObjectNode | undefined {
  if (node.kind === "object") return node;
  if (node.kind !== "ref") return undefined;
  const t = target(node, decls, seen);
  return t === undefined ? undefined : objectOf(nonNullMember(t) ?? t, decls, seen);
}

/** The array a node is, through refs and `| null`, or undefined. */
export function arrayOf(node: Node, decls: Decls, seen = new Set<string>()): ArrayNode | undefined {
  if (node.kind === "array") return node;
  if (node.kind === "union") {
    const inner = nonNullMember(node);
    return inner === undefined ? undefined : arrayOf(inner, decls, seen);
  }
  if (node.kind !== "ref") return undefined;
  const t = target(node, decls, seen);
  return t === undefined ? undefined : arrayOf(t, decls, seen);
}

/** Whether null is a value of `node` (following refs). */
export function allowsNull(node: Node, decls: Decls, seen = new Set<string>()): boolean {
  switch (node.kind) {
    case "unknown":
      return true;
    case "primitive":
      return node.type === "null";
    case "union":
      return node.members.some((m) => allowsNull(m, decls, new Set(seen)));
    case "intersection":
      return node.members.every((m) => allowsNull(m, decls, new Set(seen)));
    case "ref": {
      const t = target(node, decls, seen);
      return t !== undefined && allowsNull(t, decls, seen);
    }
    case "date":
    case "literal":
    case "enum":
    case "array":
    case "tuple":
    case "object":
    case "record":
    case "never":
      return false;
    default:
      return assertNever(node);
  }
}

/** True when the node's check passes `undefined` (so a required key's presence must be tested on its own). */
export function mayBeUndefined(node: Node, decls: Decls, seen = new Set<string>()): boolean {
  switch (node.kind) {
    case "unknown":
      return true;
    case "ref": {
      const t = target(node, decls, seen);
      return t !== undefined && mayBeUndefined(t, decls, seen);
    }
    case "union":
      return node.members.some((m) => mayBeUndefined(m, decls, new Set(seen)));
    case "intersection":
      return node.members.every((m) => mayBeUndefined(m, decls, new Set(seen)));
    case "primitive":
    case "date":
    case "literal":
    case "enum":
    case "array":
    case "tuple":
    case "object":
    case "record":
    case "never":
      return false;
    default:
      return assertNever(node);
  }
}

/** The objects whose keys a node declares (through refs, unions and intersections), in order. */
export function declaredObjects(node: Node, decls: Decls, seen = new Set<string>()): ObjectNode[] {
  switch (node.kind) {
    case "object":
      return [node];
    case "ref": {
      const t = target(node, decls, seen);
      return t === undefined ? [] : declaredObjects(t, decls, seen);
    }
    case "union":
    case "intersection":
      return node.members.flatMap((m) => declaredObjects(m, decls, new Set(seen)));
    case "primitive":
    case "date":
    case "literal":
    case "enum":
    case "array":
    case "tuple":
    case "record":
    case "unknown":
    case "never":
      return [];
    default:
      return assertNever(node);
  }
}

/**
 * An intersection whose members are all arrays (inline, through refs, or `| null`; `{}` members aside) as the
 * array of the intersection of their items, with the tightest item counts; `nullable` when every member allows
 * null. Mappers and parse handle `A[] & B[]` as this array.
 */
export function arrayIntersection(
  members: readonly Node[],
  decls: Decls,
): { array: ArrayNode; nullable: boolean } | undefined {
  const parts = members.filter((m) => m.kind !== "unknown");
  const arrays = parts.map((m) => arrayOf(m, decls));
  if (parts.length === 0 || !arrays.every((a) => a !== undefined)) return undefined;
  // any value, with item counts for arrays (`{ $ref: Tags, maxItems: 2 }` in 3.1): its counts hold too
  const counts = [
    ...arrays.map((a) => a.constraints),
    ...members.map((m) => (m.kind === "unknown" ? m.when?.array : undefined)),
  ];
  const mins = counts.flatMap((c) => (c?.minItems === undefined ? [] : [c.minItems]));
  const maxes = counts.flatMap((c) => (c?.maxItems === undefined ? [] : [c.maxItems]));
  const constraints = {
    ...(mins.length > 0 ? { minItems: Math.max(...mins) } : {}),
    ...(maxes.length > 0 ? { maxItems: Math.min(...maxes) } : {}),
  };
  const items: Node =
    arrays.length === 1 ? arrays[0]!.items : { kind: "intersection", members: arrays.map((a) => a.items) };
  const array: ArrayNode =
    mins.length + maxes.length > 0 ? { kind: "array", items, constraints } : { kind: "array", items };
  return { array, nullable: parts.every((m) => allowsNull(m, decls)) };
}
