/**
 * The plan: what each declaration means at run time, decided once and read by every printer (types, mappers,
 * guards, parse, docs). Per-node answers are computed on first use and remembered.
 */
import type { EnumNode, Ir, IntersectionNode, LiteralNode, ObjectNode, PrimitiveNode, UnionNode } from "../ir/types.js";
import type { Decls } from "../ir/query.js";
import { declMap } from "../ir/walk.js";
import type { Names } from "../naming/assign-names.js";
import type { UnknownKeys } from "../options.js";
import { analyse, type Analysis } from "./analyse.js";
import { directions, type Directions } from "./directions.js";
import { intersectionPlan, objectPlan, type IntersectionPlan, type ObjectPlan } from "./object.js";
import { operationPlans, type OperationPlan } from "./operations.js";
import { unionPlan, type UnionPlan } from "./union.js";
import { scalarTest, type ScalarTest } from "./validate.js";

export interface Plan {
  readonly names: Names;
  readonly decls: Decls;
  readonly analysis: Analysis;
  /** Which declarations have the read side (guards, parse, fromWire); every one has toWire. */
  readonly directions: Directions;
  readonly unknownKeys: UnknownKeys;
  /** The `strict` option: a `oneOf` value must be valid against exactly one member. */
  readonly strict: boolean;
  object(node: ObjectNode): ObjectPlan;
  union(node: Pick<UnionNode, "members" | "discriminator" | "exclusive">): UnionPlan;
  intersection(node: IntersectionNode): IntersectionPlan;
  /** The type test of a scalar: what guards check and parse reports. */
  scalar(node: PrimitiveNode | LiteralNode | EnumNode): ScalarTest;
  /** The operations table, in spec order (plan/operations.ts). */
  readonly operations: readonly OperationPlan[];
}

export interface PlanOptions {
  readonly unknownKeys: UnknownKeys;
  readonly strict?: boolean;
}

export function makePlan(ir: Ir, names: Names, options: PlanOptions): Plan {
  const decls = declMap(ir);
  const analysis = analyse(ir, names);
  const objects = new WeakMap<ObjectNode, ObjectPlan>();
  const unions = new WeakMap<object, UnionPlan>();
  const intersections = new WeakMap<IntersectionNode, IntersectionPlan>();
  const { unknownKeys } = options;
  const strict = options.strict === true;
  return {
    names,
    decls,
    analysis,
    directions: directions(ir),
    unknownKeys,
    strict,
    object: (node) => remember(objects, node, () => objectPlan(node, names, unknownKeys)),
    union: (node) => remember(unions, node, () => unionPlan(node, names, decls, analysis, strict)),
    intersection: (node) =>
      remember(intersections, node, () => intersectionPlan(node.members, names, decls, unknownKeys)),
    scalar: scalarTest,
    operations: operationPlans(ir, names),
  };
}

function remember<K extends object, V>(map: WeakMap<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = make()));
  return value;
}
