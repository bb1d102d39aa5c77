/**
 * The union plan: how a value finds its member. Mappers, guards and parse all read this one plan.
 *
 * - `accepted`: the members some value fits, in spec order, null included (guards test them all);
 * - `nullable`: null is a member, tested first;
 * - `candidates`: the non-null members some value fits, in spec order; each has its discriminator tags (the
 *   values the spec maps to it, when it gives a discriminator), whether a tag is shared with another member (so
 *   the tag does not decide alone), and its shape test per side;
 * - a candidate's `exact`: its shape test is its whole check (a string, a constant, an enum).
 */
import type { Discriminator, Node, UnionNode } from "../ir/types.js";
import { objectOf, type Decls } from "../ir/query.js";
import { acceptsNothing, assertNever, isNull } from "../ir/walk.js";
import type { Names } from "../naming/assign-names.js";
import type { Analysis } from "./analyse.js";
import type { Side } from "./object.js";
import { shapeOf, type ShapeTest } from "./shape.js";

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
}

export function unionPlan(
  node: Pick<UnionNode, "members" | "discriminator">,
  names: Names,
  decls: Decls,
  analysis: Analysis,
): UnionPlan {
  const { members, discriminator } = node;
  const live = (m: Node): boolean => !isNull(m) && !acceptsNothing(m, analysis.emptySet);
  const liveMembers = members.map((m, index) => ({ m, index })).filter(({ m }) => live(m));
  const common = new Map<Side, ReadonlySet<string>>();
  const commonOf = (side: Side): ReadonlySet<string> => {
    let c = common.get(side);
    if (c === undefined)
      common.set(
        side,
        (c = commonKeys(
          liveMembers.map(({ m }) => m),
          side,
          names,
          decls,
        )),
      );
    return c;
  };
  const candidates = liveMembers.map(({ m, index }): Candidate => {
    const tags = discriminator?.cases.filter((c) => c.member === index).map((c) => c.value) ?? [];
    const shapes = new Map<Side, ShapeTest>();
    return {
      node: m,
      index,
      tags,
      sharedTag: tags.some((v) => discriminator!.cases.some((c) => c.value === v && c.member !== index)),
      exact: isExactShape(m),
      shape(side) {
        let s = shapes.get(side);
        if (s === undefined) shapes.set(side, (s = shapeOf(m, side, names, decls, analysis, 0, commonOf(side))));
        return s;
      },
    };
  });
  return {
    members,
    nullable: members.some(isNull),
    nonNull: members.filter((m) => !isNull(m)).length,
    accepted: members.filter((m) => !acceptsNothing(m, analysis.emptySet)),
    candidates,
    discriminator,
    allTagged:
      discriminator !== undefined && candidates.every((c) => discriminator.cases.some((d) => d.member === c.index)),
  };
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

/** Required keys that every object member of a union has: their presence tells the members apart from nothing. */
function commonKeys(members: readonly Node[], side: Side, names: Names, decls: Decls): ReadonlySet<string> {
  const objects = members.map((m) => objectOf(m, decls)).filter((o) => o !== undefined);
  if (objects.length < 2) return new Set();
  const sets = objects.map((o) => {
    const keys = side === "model" ? names.keys(o) : o.properties.map((p) => p.key);
    return new Set(keys.filter((_, i) => o.properties[i]!.required));
  });
  return new Set([...sets[0]!].filter((k) => sets.every((s) => s.has(k))));
}
