/**
 * The conversion plan of an object and of an intersection: which keys, in which order, renamed to what, which
 * extra keys are copied and which of them trade places with a declared key's other spelling, which keys an open
 * member of an intersection leaves to its siblings. Mappers and parse print the same plan.
 */
import type { Node, ObjectNode } from "../ir/types.js";
import { arrayIntersection, declaredObjects, objectOf, type Decls, allowsNull } from "../ir/query.js";
import { assertNever, nonNullMember } from "../ir/walk.js";
import type { Names } from "../naming/assign-names.js";
import type { UnknownKeys } from "../options.js";

export type Direction = "fromWire" | "toWire";
export type Side = "wire" | "model";

export function inSide(dir: Direction): Side {
  return dir === "fromWire" ? "wire" : "model";
}

export function outSide(dir: Direction): Side {
  return dir === "fromWire" ? "model" : "wire";
}

export interface KeyPlan {
  readonly wire: string;
  readonly model: string;
  readonly required: boolean;
  readonly node: Node;
}

export interface ObjectPlan {
  readonly node: ObjectNode;
  /** Every declared key, in spec order. */
  readonly keys: readonly KeyPlan[];
  /** The leading required keys, written in the object literal; the rest are assigned after it. */
  readonly lead: number;
  /** Keys the spec does not declare are copied as data (`additionalProperties`, or `unknownKeys: keep`). */
  readonly copyRest: boolean;
  /**
   * Keys the spec does not declare are refused: the object is closed (`additionalProperties: false`), or
   * `unknownKeys: reject` and no `additionalProperties`.
   */
  readonly rejectUnknown: boolean;
  /** Extra keys renamed on the way, per direction: `[input key, output key]` (see {@link extraKeySwaps}). */
  readonly swaps: { readonly [D in Direction]: readonly (readonly [string, string])[] };
}

/** The keys of one side, in spec order. */
export function sideKeys(plan: ObjectPlan, side: Side): readonly string[] {
  return plan.keys.map((k) => k[side]);
}

export function objectPlan(node: ObjectNode, names: Names, unknownKeys: UnknownKeys): ObjectPlan {
  const modelKeys = names.keys(node);
  const keys = node.properties.map((p, i) => ({
    wire: p.key,
    model: modelKeys[i]!,
    required: p.required,
    node: p.node,
  }));
  const firstOptional = node.properties.findIndex((p) => !p.required);
  const wireKeys = node.properties.map((p) => p.key);
  return {
    node,
    keys,
    lead: firstOptional === -1 ? node.properties.length : firstOptional,
    copyRest: copiesRest(node, unknownKeys),
    rejectUnknown: node.closed === true || (unknownKeys === "reject" && node.additional === undefined),
    swaps: {
      fromWire: extraKeySwaps(wireKeys, modelKeys, "fromWire"),
      toWire: extraKeySwaps(wireKeys, modelKeys, "toWire"),
    },
  };
}

/**
 * Whether keys the object does not declare are copied as data: additionalProperties, or the `keep` policy for an
 * object that is not closed (`additionalProperties: false`: such a key is invalid, never copied).
 */
export function copiesRest(node: ObjectNode, unknownKeys: UnknownKeys): boolean {
  return node.additional !== undefined || (unknownKeys === "keep" && node.closed !== true);
}

/**
 * How extra keys (additionalProperties, or the `keep` policy) are renamed, as `[input key, output key]` pairs;
 * every other extra key is copied as it is. Declared keys are renamed (`known_key` → `knownKey`) and extra
 * keys are data, so an extra key spelled like a declared key's other form (a wire key `knownKey`) would
 * overwrite it. The mapping is the one-to-one extension of the declared renames: an extra key spelled like a
 * declared model key trades places with that key's wire spelling (wire `knownKey` ↔ model `known_key`),
 * following chains (`a` → `b` → `c`) until a spelling that is not declared on the other side. Both
 * directions use the same pairs reversed, so `toWire(fromWire(x))` is `x` for every key.
 */
export function extraKeySwaps(
  wireKeys: readonly string[],
  modelKeys: readonly string[],
  dir: Direction,
): [string, string][] {
  const [inKeys, outKeys] = dir === "fromWire" ? [wireKeys, modelKeys] : [modelKeys, wireKeys];
  const inSet = new Set(inKeys);
  const outSet = new Set(outKeys);
  // the input key whose output name is `k`
  const source = new Map(outKeys.map((k, i) => [k, inKeys[i]!]));
  const pairs: [string, string][] = [];
  for (const k of outKeys) {
    if (inSet.has(k)) continue;
    // `k` is an extra key on the input side that the output gives a declared key: follow the renames back
    let to = source.get(k)!;
    while (outSet.has(to)) to = source.get(to)!;
    pairs.push([k, to]);
  }
  return pairs;
}

export interface IntersectionPlan {
  /** `A[] & B[]` (through refs, `| null` too) is the array of `A & B`, mapped item by item. */
  readonly asArray: ReturnType<typeof arrayIntersection>;
  /** Per member and direction, the keys to leave out of what it maps (see {@link intersectionOmits}). */
  readonly omits: { readonly [D in Direction]: readonly (readonly string[])[] };
  /** Every member allows null: a null stays null (merging would turn it into `{}`). */
  readonly keepsNull: boolean;
  /**
   * Per member: it allows values that are not plain objects (a string, a number, an array: `allOf: [A,
   * {oneOf: [string, B]}]`), which cannot be spread. Such a member is merged only when the value is a plain
   * object; any other value is mapped by the first such member alone (the other members do not accept it).
   */
  readonly nonObject: readonly boolean[];
}

export function intersectionPlan(
  members: readonly Node[],
  names: Names,
  decls: Decls,
  unknownKeys: UnknownKeys,
): IntersectionPlan {
  return {
    asArray: arrayIntersection(members, decls),
    omits: {
      fromWire: intersectionOmits(members, "fromWire", names, decls, unknownKeys),
      toWire: intersectionOmits(members, "toWire", names, decls, unknownKeys),
    },
    keepsNull: members.every((m) => allowsNull(m, decls)),
    // (a member that is any value maps nothing: it leaves the merge as it is)
    nonObject: members.map((m) => m.kind !== "unknown" && allowsNonObject(m, decls)),
  };
}

/** Whether a value of `node` (through refs) may be something other than a plain object or null. */
function allowsNonObject(node: Node, decls: Decls, seen = new Set<string>()): boolean {
  switch (node.kind) {
    case "primitive":
      return node.type !== "null";
    case "literal":
      return typeof node.value !== "object" || Array.isArray(node.value);
    case "date":
    case "enum":
    case "array":
    case "tuple":
    case "unknown":
      return true;
    case "object":
    case "record":
    case "never":
      return false;
    case "union":
      return node.members.some((m) => allowsNonObject(m, decls, new Set(seen)));
    case "intersection":
      return node.members.every((m) => allowsNonObject(m, decls, new Set(seen)));
    case "ref": {
      if (seen.has(node.target)) return false;
      seen.add(node.target);
      const t = decls.get(node.target)?.node;
      return t !== undefined && allowsNonObject(t, decls, seen);
    }
    default:
      return assertNever(node);
  }
}

/**
 * For each member of an intersection, the keys to leave out of what its mapper returns. An open member
 * (additionalProperties, or the `keep` policy) copies every key it does not declare, so also the keys its
 * siblings declare, as they are on the input side (`a_b`), beside the siblings' mapped ones (`aB`): those are
 * dropped (by their output spelling, after the member's own extraKeySwaps). What is left of its extra keys
 * follows its declared keys, before the next members' keys.
 */
function intersectionOmits(
  members: readonly Node[],
  dir: Direction,
  names: Names,
  decls: Decls,
  unknownKeys: UnknownKeys,
): string[][] {
  const side = inSide(dir);
  const spell = (o: ObjectNode): readonly string[] =>
    side === "model" ? names.keys(o) : o.properties.map((p) => p.key);
  const declared = members.map((m) => declaredObjects(m, decls).flatMap(spell));
  return members.map((m, i) => {
    const o = objectOf(nonNullMember(m) ?? m, decls);
    // a member that is a union of objects (`properties` beside an `anyOf` of open members, GitHub's
    // checks/update body): what it returns is one of its objects'; a key only some of them declare is left to
    // the siblings that declare it too (their mapping stands, as for a key no member of the union declares)
    const objects = o !== undefined ? [o] : declaredObjects(m, decls);
    if (objects.length === 0 || !objects.some((x) => copiesRest(x, unknownKeys))) return [];
    const ownKeys = (x: ObjectNode): readonly string[] =>
      side === "wire" ? x.properties.map((p) => p.key) : names.keys(x);
    const own = new Set(objects.map(ownKeys).reduce((a, b) => a.filter((k) => b.includes(k))));
    const swaps = new Map(
      objects.flatMap((x) =>
        extraKeySwaps(
          x.properties.map((p) => p.key),
          names.keys(x),
          dir,
        ),
      ),
    );
    const out = new Set<string>();
    declared.forEach((keys, j) => {
      if (j !== i) for (const k of keys) if (!own.has(k)) out.add(swaps.get(k) ?? k);
    });
    return [...out];
  });
}
