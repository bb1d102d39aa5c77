/** Exhaustiveness and traversal helpers for the IR. */
import type { Assertion, Decl, Evaluated, EvaluatedItems, Ir, Node } from "./types.js";

/** The end of every switch on a kind (IR, plan or expression): a kind left unhandled is a compile error. */
export function assertNever(value: never): never {
  throw new Error(`internal error: unexpected kind ${JSON.stringify(value)}`);
}

/** `{}` / `true`: any value, with no constraint per type and no assertion. */
export function isAnyValue(node: Node): boolean {
  return node.kind === "unknown" && node.when === undefined && node.checks === undefined;
}

/** The nodes an assertion validates against (`not`, `if`/`then`/`else`, `contains`, ...), in order. */
export function assertionNodes(a: Assertion): readonly Node[] {
  switch (a.kind) {
    case "not":
    case "ofType":
    case "contains":
    case "propertyNames":
    case "dependentSchema":
      return [a.node];
    case "anyOf":
      return a.nodes;
    case "if":
      return [a.test, ...(a.valid === undefined ? [] : [a.valid]), ...(a.invalid === undefined ? [] : [a.invalid])];
    case "patternProperties":
      return [...a.patterns.map((p) => p.node), ...(a.additional === undefined ? [] : [a.additional])];
    case "unevaluatedProperties":
      return [a.node, ...evaluatedNodes(a.evaluated)];
    case "unevaluatedItems":
      return [a.node, ...evaluatedItemNodes(a.evaluated)];
    case "uniqueItems":
    case "propertyCount":
    case "dependentRequired":
      return [];
    default:
      return assertNever(a);
  }
}

/** The nodes the `contains` schemas and branches of an `EvaluatedItems` validate against. */
function evaluatedItemNodes(e: EvaluatedItems): readonly Node[] {
  return [...e.contains, ...branchNodes(e.branches, evaluatedItemNodes)];
}

/** The nodes the branches of an `Evaluated` validate against. */
function evaluatedNodes(e: Evaluated): readonly Node[] {
  return branchNodes(e.branches, evaluatedNodes);
}

function branchNodes<E>(
  branches: readonly { readonly when: Evaluated["branches"][number]["when"]; readonly evaluated: E }[],
  inner: (e: E) => readonly Node[],
): readonly Node[] {
  return branches.flatMap((b) => [...(b.when.kind === "present" ? [] : [b.when.node]), ...inner(b.evaluated)]);
}

/**
 * The direct child nodes of a node, in order: its shape's ({@link shapeChildren}), then those its assertions
 * validate against (what names, selection and parse reach).
 */
export function children(node: Node): readonly Node[] {
  const own = shapeChildren(node);
  return node.checks === undefined ? own : [...own, ...node.checks.flatMap(assertionNodes)];
}

/** The direct child nodes of a node's shape, in order: what types, mappers and guards read (no assertion's). */
export function shapeChildren(node: Node): readonly Node[] {
  switch (node.kind) {
    case "primitive":
    case "date":
    case "literal":
    case "enum":
    case "ref":
    case "unknown":
    case "never":
      return [];
    case "array":
      return [node.items];
    case "tuple":
      return node.rest === undefined ? node.items : [...node.items, node.rest];
    case "object":
      return node.additional === undefined
        ? node.properties.map((p) => p.node)
        : [...node.properties.map((p) => p.node), node.additional];
    case "record":
      return [node.values];
    case "union":
    case "intersection":
      return node.members;
    default:
      return assertNever(node);
  }
}

/**
 * The node with each direct child of its shape ({@link shapeChildren}) replaced by `f(child)`; its assertions and
 * everything else as they are. When `f` returns every child unchanged, the node itself is returned (an unchanged
 * subtree keeps its identity). What an IR → IR pass that rewrites shapes recurses with (transform/).
 */
export function mapShapeChildren(node: Node, f: (child: Node) => Node): Node {
  const all = (nodes: readonly Node[]): readonly Node[] => {
    const next = nodes.map(f);
    return next.every((n, i) => n === nodes[i]) ? nodes : next;
  };
  const one = (n: Node | undefined): Node | undefined => (n === undefined ? undefined : f(n));
  switch (node.kind) {
    case "primitive":
    case "date":
    case "literal":
    case "enum":
    case "ref":
    case "unknown":
    case "never":
      return node;
    case "array": {
      const items = f(node.items);
      return items === node.items ? node : { ...node, items };
    }
    case "tuple": {
      const items = all(node.items);
      const rest = one(node.rest);
      return items === node.items && rest === node.rest ? node : { ...node, items, rest };
    }
    case "object": {
      const nodes = all(node.properties.map((p) => p.node));
      const properties = node.properties.map((p, i) => (nodes[i] === p.node ? p : { ...p, node: nodes[i]! }));
      const additional = one(node.additional);
      const unchanged = properties.every((p, i) => p === node.properties[i]) && additional === node.additional;
      return unchanged ? node : { ...node, properties, additional };
    }
    case "record": {
      const values = f(node.values);
      return values === node.values ? node : { ...node, values };
    }
    case "union":
    case "intersection": {
      const members = all(node.members);
      return members === node.members ? node : { ...node, members };
    }
    default:
      return assertNever(node);
  }
}

/**
 * The declarations a node is made of with nothing structural in between: its refs, through unions and
 * intersections only (not through objects, arrays, records or tuples). A declaration among its own direct refs is
 * defined as itself (`type A = A | null`), which no type can be.
 */
export function directRefs(node: Node): readonly string[] {
  switch (node.kind) {
    case "ref":
      return [node.target];
    case "union":
    case "intersection":
      return node.members.flatMap(directRefs);
    case "primitive":
    case "date":
    case "literal":
    case "enum":
    case "unknown":
    case "never":
    case "array":
    case "tuple":
    case "object":
    case "record":
      return [];
    default:
      return assertNever(node);
  }
}

/**
 * Every declaration a node refers to, at any depth (not through the declarations it names), in walk order;
 * through `next` children only (shapeChildren: the refs of its shape, none an assertion validates against).
 */
export function refTargets(node: Node, next: (n: Node) => readonly Node[] = children): string[] {
  const targets: string[] = [];
  const stack: Node[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.kind === "ref") targets.push(n.target);
    stack.push(...next(n));
  }
  return targets;
}

/**
 * `node` with every ref's target renamed by `rename` (through its shape and its assertions, at any depth): the
 * one rewrite of references, for a pass that merges declarations.
 */
export function mapRefs(node: Node, rename: (target: string) => string): Node {
  const map = (n: Node): Node => mapRefs(n, rename);
  const checks = node.checks === undefined ? {} : { checks: node.checks.map((a) => mapAssertion(a, map)) };
  const shape = node.kind === "ref" ? { ...node, target: rename(node.target) } : mapShapeChildren(node, map);
  return { ...shape, ...checks };
}

function mapAssertion(a: Assertion, map: (n: Node) => Node): Assertion {
  const opt = (n: Node | undefined): Node | undefined => (n === undefined ? undefined : map(n));
  switch (a.kind) {
    case "not":
    case "ofType":
    case "contains":
    case "propertyNames":
    case "dependentSchema":
      return { ...a, node: map(a.node) };
    case "anyOf":
      return { ...a, nodes: a.nodes.map(map) };
    case "if":
      return { ...a, test: map(a.test), valid: opt(a.valid), invalid: opt(a.invalid) };
    case "patternProperties":
      return { ...a, patterns: a.patterns.map((p) => ({ ...p, node: map(p.node) })), additional: opt(a.additional) };
    case "unevaluatedProperties":
      return { ...a, node: map(a.node), evaluated: mapEvaluated(a.evaluated, map) };
    case "unevaluatedItems":
      return { ...a, node: map(a.node), evaluated: mapEvaluatedItems(a.evaluated, map) };
    case "uniqueItems":
    case "propertyCount":
    case "dependentRequired":
      return a;
    default:
      return assertNever(a);
  }
}

type When = Evaluated["branches"][number]["when"];

function mapWhen(when: When, map: (n: Node) => Node): When {
  return when.kind === "present" ? when : { ...when, node: map(when.node) };
}

function mapEvaluated(e: Evaluated, map: (n: Node) => Node): Evaluated {
  const branches = e.branches.map((b) => ({ when: mapWhen(b.when, map), evaluated: mapEvaluated(b.evaluated, map) }));
  return { ...e, branches };
}

function mapEvaluatedItems(e: EvaluatedItems, map: (n: Node) => Node): EvaluatedItems {
  const branches = e.branches.map((b) => ({
    when: mapWhen(b.when, map),
    evaluated: mapEvaluatedItems(b.evaluated, map),
  }));
  return { ...e, contains: e.contains.map(map), branches };
}

export function declMap(ir: Ir): ReadonlyMap<string, Decl> {
  return new Map(ir.decls.map((d) => [d.id, d]));
}

/** `T | null` → `T`; anything else → undefined. */
export function nonNullMember(node: Node): Node | undefined {
  if (node.kind !== "union") return undefined;
  const rest = node.members.filter((m) => !isNull(m));
  return rest.length === 1 && rest.length < node.members.length ? rest[0] : undefined;
}

export function isNull(node: Node): boolean {
  return node.kind === "primitive" && node.type === "null";
}

export function isNullable(node: Node): boolean {
  return node.kind === "union" && node.members.some(isNull);
}

/**
 * True when no JSON value fits `node`: `false`, an object with a required key that accepts nothing, a tuple
 * with such a required item (an optional one only ends the array before it), an allOf with such a member, a
 * union of such members, or a ref to a declaration in `empty` (the declarations known to accept nothing: see
 * emit/analysis.ts).
 */
export function acceptsNothing(node: Node, empty: ReadonlySet<string>): boolean {
  switch (node.kind) {
    case "never":
      return true;
    case "object":
      return node.properties.some((p) => p.required && acceptsNothing(p.node, empty));
    case "tuple":
      return node.items.slice(0, node.required).some((m) => acceptsNothing(m, empty));
    case "intersection":
      return node.members.some((m) => acceptsNothing(m, empty));
    case "union":
      return node.members.every((m) => acceptsNothing(m, empty));
    case "ref":
      return empty.has(node.target);
    case "primitive":
    case "date":
    case "literal":
    case "enum":
    case "array":
    case "record":
    case "unknown":
      return false;
    default:
      return assertNever(node);
  }
}
