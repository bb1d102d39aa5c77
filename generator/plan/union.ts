/**
 * The union plan: how a value finds its member. Mappers, guards and parse all read this one plan.
 *
 * - `accepted`: the members some value fits, in spec order, null included (guards test them all);
 * - `nullable`: null is a member, tested first;
 * - `candidates`: the non-null members some value fits, in spec order; each has its discriminator tags (the
 *   values the spec maps to it, when it gives a discriminator), whether a tag is shared with another member (so
 *   the tag does not decide alone), and its shape test per side;
 * - a candidate's `exact`: its shape test is its whole check (a string, a constant, an enum);
 * - `tries`: the one choice rule, in the order mappers and parse try members: first by discriminator tag (the
 *   candidates the spec maps a value to, in spec order), then by shape, in spec order, every candidate but those
 *   whose shape requires one of their own tags (the tag try decided them): a value whose tag selects no member
 *   (a boolean, a number, none) is chosen by shape, by mappers as by parse;
 * - `ranked`: among the shape tries that pass, the member declaring the most of the value's own keys comes first
 *   (spec order on ties; `rankMembers` in the runtime): an object that fits two open members keeps its keys. Only
 *   when it can change the order (two members may accept the same object and declare different keys).
 *
 * Mappers take the first try that passes; parse tries them in the same order and takes the first that is valid,
 * so both take the same member whenever the mappers' one is valid. Shape tests look at the values of keys that
 * members declare with different types or constants, and a closed member (`additionalProperties: false`)
 * refuses keys it does not declare, so that member is the valid one as often as a cheap test can tell.
 */
import type { Discriminator, Node, ObjectNode, UnionNode } from "../ir/types.js";
import { declaredObjects, objectOf, type Decls } from "../ir/query.js";
import { acceptsNothing, assertNever, isNull } from "../ir/walk.js";
import type { Names } from "../naming/assign-names.js";
import type { Analysis } from "./analyse.js";
import type { Side } from "./object.js";
import { mayBeObject, shapeOf, type ShapeTest, type UnionKeys } from "./shape.js";

export interface Candidate {
  readonly node: Node;
  /** The member's index in the union. */
  readonly index: number;
  /** Discriminator values that select this member (empty without a discriminator or a mapping to it). */
  readonly tags: readonly string[];
  /** One of `tags` also selects another member: the tag alone does not decide. */
  readonly sharedTag: boolean;
  /** The shape test is the member's whole check (no further validation needed once it passes). */
  readonly exact: boolean;
  /** The member's shape, as seen on one side. */
  shape(side: Side): ShapeTest;
  /**
   * The keys the member declares on one side (its objects', through refs, unions and intersections); `"every"`
   * for a member that keeps every key as data (a record, additionalProperties).
   */
  keys(side: Side): readonly string[] | "every";
}

/** One test of the choice rule: a candidate by its discriminator tags, or by its shape. */
export interface Try {
  readonly candidate: Candidate;
  readonly by: "tag" | "shape";
}

export interface UnionPlan {
  readonly members: readonly Node[];
  readonly nullable: boolean;
  /** Members other than null (some may accept nothing). */
  readonly nonNull: number;
  /** Members that some value fits, null included, in spec order. */
  readonly accepted: readonly Node[];
  readonly candidates: readonly Candidate[];
  readonly discriminator: Discriminator | undefined;
  /** Every candidate is selected by a tag. */
  readonly allTagged: boolean;
  /** The choice rule's tests, in order (see the header). */
  readonly tries: readonly Try[];
  /** The shape tries that pass are ranked by how many of the value's keys they declare (see the header). */
  readonly ranked: boolean;
  /** `oneOf` under the `strict` option: a value must be valid against exactly one accepted member. */
  readonly exclusive: boolean;
}

export function unionPlan(
  node: Pick<UnionNode, "members" | "discriminator" | "exclusive">,
  names: Names,
  decls: Decls,
  analysis: Analysis,
  strict: boolean,
): UnionPlan {
  const { members, discriminator } = node;
  const live = (m: Node): boolean => !isNull(m) && !acceptsNothing(m, analysis.emptySet);
  const liveMembers = members.map((m, index) => ({ m, index })).filter(({ m }) => live(m));
  const unionKeys = perSide((side) =>
    memberKeys(
      liveMembers.map(({ m }) => m),
      side,
      names,
      decls,
      analysis,
    ),
  );
  const candidates = liveMembers.map(({ m, index }): Candidate => {
    const tags = discriminator?.cases.filter((c) => c.member === index).map((c) => c.value) ?? [];
    return {
      node: m,
      index,
      tags,
      sharedTag: tags.some((v) => discriminator!.cases.some((c) => c.value === v && c.member !== index)),
      exact: isExactShape(m),
      shape: perSide((side) => shapeOf(m, side, names, decls, analysis, 0, unionKeys(side))),
      keys: perSide((side) =>
        keepsEveryKey(m, decls, new Set())
          ? "every"
          : [...new Set(declaredObjects(m, decls).flatMap((o) => sideKeys(o, side, names)))],
      ),
    };
  });
  // a tagged member whose shape requires one of its own tags is decided by the tag try alone
  const decidedByTag = (c: Candidate): boolean => {
    if (discriminator === undefined || c.tags.length === 0) return false;
    const s = c.shape("wire");
    return (
      s.kind === "object" &&
      s.checks.some((k) => k.kind === "tag" && k.key === discriminator.property && c.tags.includes(String(k.value)))
    );
  };
  const tries: Try[] = [
    ...candidates.filter((c) => c.tags.length > 0).map((c): Try => ({ candidate: c, by: "tag" })),
    ...candidates.filter((c) => !decidedByTag(c)).map((c): Try => ({ candidate: c, by: "shape" })),
  ];
  const shapeTried = tries.filter((t) => t.by === "shape").map((t) => t.candidate);
  const accepted = members.filter((m) => !acceptsNothing(m, analysis.emptySet));
  return {
    members,
    nullable: members.some(isNull),
    nonNull: members.filter((m) => !isNull(m)).length,
    accepted,
    candidates,
    discriminator,
    allTagged:
      discriminator !== undefined && candidates.every((c) => discriminator.cases.some((d) => d.member === c.index)),
    tries,
    ranked: (["wire", "model"] as const).some((side) => mayRank(shapeTried, side)),
    exclusive: strict && node.exclusive === true && accepted.length > 1,
  };
}

/** A function of the side, computed once per side. */
function perSide<T>(make: (side: Side) => T): (side: Side) => T {
  const memo = new Map<Side, T>();
  return (side) => {
    if (!memo.has(side)) memo.set(side, make(side));
    return memo.get(side)!;
  };
}

function sideKeys(o: ObjectNode, side: Side, names: Names): readonly string[] {
  return side === "model" ? names.keys(o) : o.properties.map((p) => p.key);
}

/**
 * Whether ranking by declared keys can change which shape try comes first: two candidates may accept the same
 * object and declare different keys (otherwise every candidate that passes scores the same, and spec order holds).
 */
function mayRank(candidates: readonly Candidate[], side: Side): boolean {
  const objects = candidates.filter((c) => mayBeObject(c.shape(side)));
  const keys = objects.map((c) => {
    const k = c.keys(side);
    return k === "every" ? k : JSON.stringify([...k].sort());
  });
  return objects.some((a, i) =>
    objects.some((b, j) => j > i && keys[i] !== keys[j] && !disjoint(a.shape(side), b.shape(side))),
  );
}

/** Whether a member keeps every key of an object as data: a record, or an object with additionalProperties. */
function keepsEveryKey(node: Node, decls: Decls, seen: Set<string>): boolean {
  switch (node.kind) {
    case "record":
      return node.values.kind !== "never";
    case "object":
      return node.additional !== undefined;
    case "ref": {
      if (seen.has(node.target)) return false;
      seen.add(node.target);
      const target = decls.get(node.target);
      return target !== undefined && keepsEveryKey(target.node, decls, seen);
    }
    case "union":
    case "intersection":
      return node.members.some((m) => keepsEveryKey(m, decls, new Set(seen)));
    case "primitive":
    case "date":
    case "literal":
    case "enum":
    case "array":
    case "tuple":
    case "unknown":
    case "never":
      return false;
    default:
      return assertNever(node);
  }
}

/**
 * Two shape tests no value passes both of: a key each requires to hold a different constant, or a key one
 * requires that the other (closed) does not allow.
 */
function disjoint(a: ShapeTest, b: ShapeTest): boolean {
  if (a.kind !== "object" || b.kind !== "object") return false;
  const required = (t: typeof a): string[] =>
    t.checks.flatMap((c) =>
      c.kind === "tag" || c.kind === "has" || (c.kind === "field" && !c.optional) ? [c.key] : [],
    );
  const excludes = (t: typeof a, u: typeof a): boolean =>
    t.checks.some((c) => c.kind === "only" && required(u).some((k) => !c.keys.includes(k)));
  // the constants a required key may hold, when a check says (undefined: any value)
  const values = (t: typeof a, key: string): readonly unknown[] | undefined => {
    for (const c of t.checks) {
      if (c.kind === "only" || c.key !== key) continue;
      if (c.kind === "tag") return [c.value];
      if (c.kind === "field" && !c.optional && c.test.kind === "oneOf") return c.test.values;
      if (c.kind === "field" && !c.optional && c.test.kind === "equals") return [c.test.value];
    }
    return undefined;
  };
  const keysOf = (t: typeof a): string[] => t.checks.flatMap((c) => (c.kind === "only" ? [] : [c.key]));
  const differ = keysOf(a).some((k) => {
    const x = values(a, k);
    const y = values(b, k);
    return x !== undefined && y !== undefined && !x.some((v) => y.includes(v));
  });
  return excludes(a, b) || excludes(b, a) || differ;
}

/** Members whose shape test is also their full check. */
function isExactShape(node: Node): boolean {
  switch (node.kind) {
    case "literal":
      return typeof node.value !== "object";
    case "enum":
      return true;
    case "primitive":
      return node.type !== "integer" && node.constraints === undefined;
    case "date":
    case "array":
    case "tuple":
    case "object":
    case "record":
    case "union":
    case "intersection":
    case "ref":
    case "unknown":
    case "never":
      return false;
    default:
      return assertNever(node);
  }
}

/**
 * What the object members of a union (through refs) tell their shape tests: the required keys every one has
 * (their presence tells nothing apart), and the keys two members declare with different shapes (a property's type
 * or constants: `{ role: string }` and `{ role: "user" | "system" }`), whose values are tested. A member that is a
 * union (or intersection) of objects itself counts with each of its objects here: `{ content: string | Text[] }`
 * beside a union with `{ content: Refusal[] }` in it tests `content` (OpenAI's `InputItem`, whose `message` tag
 * is shared by `EasyInputMessage` and the `message` members of `Item`).
 */
function memberKeys(members: readonly Node[], side: Side, names: Names, decls: Decls, analysis: Analysis): UnionKeys {
  const groups = members.map((m) => {
    const own = objectOf(m, decls);
    return own !== undefined ? [own] : declaredObjects(m, decls);
  });
  if (groups.filter((g) => g.length > 0).length < 2) return { common: new Set(), contested: new Set() };
  const objects = members.map((m) => objectOf(m, decls)).filter((o) => o !== undefined);
  const sets = objects.map((o) => {
    const keys = sideKeys(o, side, names);
    return new Set(keys.filter((_, i) => o.properties[i]!.required));
  });
  const common =
    objects.length < 2 ? new Set<string>() : new Set([...sets[0]!].filter((k) => sets.every((s) => s.has(k))));
  // per object: each key's shape, and its constants (required keys holding one value)
  const facts = new Map<ObjectNode, { shapes: Map<string, string>; tags: Map<string, unknown> }>();
  const factsOf = (o: ObjectNode): { shapes: Map<string, string>; tags: Map<string, unknown> } => {
    let f = facts.get(o);
    if (f !== undefined) return f;
    const keys = sideKeys(o, side, names);
    const shapes = new Map(
      o.properties.map((p, i) => [keys[i]!, JSON.stringify(shapeOf(p.node, side, names, decls, analysis, 1))]),
    );
    const tags = new Map<string, unknown>();
    o.properties.forEach((p, i) => {
      if (p.required && p.node.kind === "literal" && typeof p.node.value !== "object") tags.set(keys[i]!, p.node.value);
    });
    f = { shapes, tags };
    facts.set(o, f);
    return f;
  };
  // two objects that a constant already tells apart (`role: "user"`, `role: "tool"`) need no more
  const apart = (a: ObjectNode, b: ObjectNode): boolean =>
    [...factsOf(a).tags].some(([k, v]) => factsOf(b).tags.has(k) && factsOf(b).tags.get(k) !== v);
  const contested = new Set<string>();
  for (let i = 0; i < groups.length; i++) {
    for (let j = i + 1; j < groups.length; j++) {
      for (const a of groups[i]!) {
        for (const b of groups[j]!) {
          if (a === b || apart(a, b)) continue;
          for (const [k, shape] of factsOf(a).shapes) {
            const other = factsOf(b).shapes.get(k);
            if (other !== undefined && other !== shape) contested.add(k);
          }
        }
      }
    }
  }
  return { common, contested };
}
