/**
 * `xFromWire` / `xToWire` for every declaration: plain functions that call each other by name.
 *
 * - Objects are rebuilt as object literals with exactly their declared keys (unknown keys are dropped), in
 *   the order of the target type; absent stays absent, null stays null, no `key: undefined` is introduced.
 * - Records keep their keys (data), arrays map their items; values that need no conversion are shared. Extra
 *   keys beside declared ones are copied as data, one-to-one (`extraKeySwaps`).
 * - Intersections merge what their members map (object spread: `Object.assign` would set a `__proto__` key as the
 *   prototype); null stays null, `A[] & B[]` maps item by item.
 * - Unions: null first, then the first member, in spec order, whose test accepts the value: the
 *   discriminator value when the spec gives one, else the member's shape (JSON type, required keys present,
 *   constant properties equal, an array's first item). A member that accepts no value is never a candidate;
 *   a value no member accepts passes through unchanged.
 * - `__proto__` and other `Object.prototype` names are ordinary data: own-property checks, own-property writes.
 */
import type { WriterFunction } from "ts-morph";
import type { ArrayNode, Decl, Ir, Node, ObjectNode } from "../ir/types.js";
import { acceptsNothing, assertNever, declMap, isNull, nonNullMember } from "../ir/walk.js";
import type { Names } from "../naming/assign-names.js";
import type { UnknownKeys } from "../options.js";
import { converts, type Analysis } from "./analysis.js";
import { jsonLiteral } from "./guards.js";
import { chain, functionDecl } from "./print.js";
import { propertyName, typeExpr, type Side } from "./type-expr.js";

type Direction = "fromWire" | "toWire";

/** Keys that name something on `Object.prototype`: read with an own-property check. */
const PROTOTYPE_KEYS = new Set(Object.getOwnPropertyNames(Object.prototype));

export interface MapperContext {
  readonly names: Names;
  /** `keep` copies keys the spec does not declare; `strip` and `reject` drop them (see options.ts). */
  readonly unknownKeys: UnknownKeys;
  readonly analysis: Analysis;
  readonly decls: ReadonlyMap<string, Decl>;
  /** Runtime helpers the emitted code calls (filled while emitting). */
  readonly uses: Set<string>;
}

export function emitMappers(ir: Ir, names: Names, analysis: Analysis, uses: Set<string>, unknownKeys: UnknownKeys = "strip"): WriterFunction[] {
  const ctx: MapperContext = { names, analysis, decls: declMap(ir), uses, unknownKeys };
  return ir.decls.flatMap((decl) => [mapper(decl, "fromWire", ctx), mapper(decl, "toWire", ctx)]);
}

function mapper(decl: Decl, dir: Direction, ctx: MapperContext): WriterFunction {
  const n = ctx.names.decl(decl.id);
  const [param, inType, outType] = dir === "fromWire" ? ["wire", n.wire, n.model] : ["model", n.model, n.wire];
  const doc =
    dir === "fromWire"
      ? `Maps a {@link ${n.wire}} (JSON as received) to a {@link ${n.model}}. Does not validate: see \`${n.parse}\`.`
      : `Maps a {@link ${n.model}} to a {@link ${n.wire}}, ready for \`JSON.stringify\`.`;
  return functionDecl({
    doc,
    exported: true,
    name: dir === "fromWire" ? n.fromWire : n.toWire,
    parameters: `${param}: ${inType}`,
    returns: outType,
    body: body(decl, dir, param, outType, ctx),
  });
}

/** Collects lines eagerly (so helper imports are known before printing); indentation is two spaces a level. */
class Lines {
  readonly lines: string[] = [];
  private depth = 0;
  writeLine(line: string): this {
    this.lines.push("  ".repeat(this.depth) + line);
    return this;
  }
  indent(block: () => void): void {
    this.depth++;
    block();
    this.depth--;
  }
}

function body(decl: Decl, dir: Direction, input: string, outType: string, ctx: MapperContext): string[] {
  const w = new Lines();
  writeBody(w, decl, dir, input, outType, ctx);
  return w.lines;
}

function writeBody(w: Lines, decl: Decl, dir: Direction, input: string, outType: string, ctx: MapperContext): void {
  if (!ctx.analysis.copies.has(decl.id)) {
    w.writeLine(`return ${input};`);
    return;
  }
  const node = decl.node;
  const inner = nonNullMember(node);
  if (node.kind === "object" || inner?.kind === "object") {
    if (node.kind !== "object") w.writeLine(`if (${input} === null) return null;`);
    writeObject(w, (node.kind === "object" ? node : inner) as ObjectNode, dir, input, node.kind === "object" ? outType : `NonNullable<${outType}>`, ctx);
    return;
  }
  w.writeLine(`return ${expr(node, input, dir, 1, ctx) ?? input};`);
}

function writeObject(w: Lines, node: ObjectNode, dir: Direction, input: string, outType: string, ctx: MapperContext): void {
  const modelKeys = ctx.names.keys(node);
  const wireKeys = node.properties.map((p) => p.key);
  const [inKeys, outKeys] = dir === "fromWire" ? [wireKeys, modelKeys] : [modelKeys, wireKeys];
  const out = dir === "fromWire" ? "model" : "wire";
  const firstOptional = node.properties.findIndex((p) => !p.required);
  const lead = firstOptional === -1 ? node.properties.length : firstOptional;
  const value = (i: number): string => {
    const access = `${input}${accessor(inKeys[i]!)}`;
    return expr(node.properties[i]!.node, access, dir, 1, ctx) ?? access;
  };
  const literal = node.properties.slice(0, lead).map((_, i) => `${literalKey(outKeys[i]!)}: ${value(i)}`);
  const copyRest = node.additional !== undefined || ctx.unknownKeys === "keep";
  const whole = lead === node.properties.length && !copyRest;
  if (whole) {
    writeLiteral(w, `return `, literal, ";");
    return;
  }
  writeLiteral(w, `const ${out} = `, literal, ` as ${outType};`);
  for (let i = lead; i < node.properties.length; i++) {
    const p = node.properties[i]!;
    const assign = assignment(out, outKeys[i]!, value(i), ctx);
    if (p.required) w.writeLine(assign);
    else {
      const key = inKeys[i]!;
      const present = PROTOTYPE_KEYS.has(key)
        ? `Object.hasOwn(${input}, ${JSON.stringify(key)}) && ${input}${accessor(key)} !== undefined`
        : `${input}${accessor(key)} !== undefined`;
      w.writeLine(`if (${present}) ${assign}`);
    }
  }
  if (copyRest) {
    // keys the spec does not declare (additionalProperties, or the `keep` policy) are copied as data
    ctx.uses.add("setOwn");
    ctx.uses.add("fieldOf");
    w.writeLine(`for (const key of Object.keys(${input})) {`);
    w.indent(() => {
      if (inKeys.length === 0) w.writeLine(`setOwn(${out}, key, fieldOf(${input}, key));`);
      else {
        w.writeLine("switch (key) {");
        w.indent(() => {
          for (const k of inKeys) w.writeLine(`case ${JSON.stringify(k)}:`);
          w.indent(() => w.writeLine("break;"));
          // an extra key spelled like a declared key on the other side trades places with it (see extraKeySwaps)
          for (const [from, to] of extraKeySwaps(wireKeys, modelKeys, dir)) {
            w.writeLine(`case ${JSON.stringify(from)}:`);
            w.indent(() => {
              w.writeLine(`setOwn(${out}, ${JSON.stringify(to)}, fieldOf(${input}, key));`);
              w.writeLine("break;");
            });
          }
          w.writeLine("default:");
          w.indent(() => w.writeLine(`setOwn(${out}, key, fieldOf(${input}, key));`));
        });
        w.writeLine("}");
      }
    });
    w.writeLine("}");
  }
  w.writeLine(`return ${out};`);
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
export function extraKeySwaps(wireKeys: readonly string[], modelKeys: readonly string[], dir: Direction): [string, string][] {
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

function writeLiteral(w: Lines, before: string, entries: readonly string[], after: string): void {
  if (entries.length === 0) {
    w.writeLine(`${before}{}${after}`);
    return;
  }
  w.writeLine(`${before}{`);
  w.indent(() => entries.forEach((e) => w.writeLine(`${e},`)));
  w.writeLine(`}${after}`);
}

function assignment(target: string, key: string, value: string, ctx: MapperContext): string {
  if (key === "__proto__") {
    ctx.uses.add("setOwn");
    return `setOwn(${target}, "__proto__", ${value});`;
  }
  return `${target}${accessor(key)} = ${value};`;
}

/** `.key` or `["key"]`. */
export function accessor(key: string): string {
  const name = propertyName(key);
  return name === key ? `.${key}` : `[${name}]`;
}

/** A key in an object literal: `__proto__` must be computed to stay an own property. */
function literalKey(key: string): string {
  return key === "__proto__" ? `["__proto__"]` : propertyName(key);
}

/** The expression mapping `input`, or undefined when the value maps to itself. */
function expr(node: Node, input: string, dir: Direction, depth: number, ctx: MapperContext): string | undefined {
  switch (node.kind) {
    case "primitive":
    case "literal":
    case "enum":
    case "unknown":
    case "never":
      return undefined;
    case "ref":
      return ctx.analysis.copies.has(node.target) ? `${ctx.names.decl(node.target)[dir]}(${unwrap(input)})` : undefined;
    case "array": {
      const v = `v${depth}`;
      const item = expr(node.items, v, dir, depth + 1, ctx);
      if (item === undefined) return undefined;
      return item === `${callee(node.items, dir, ctx)}(${v})` ? `${input}.map(${callee(node.items, dir, ctx)})` : `${input}.map((${v}) => ${item})`;
    }
    case "tuple": {
      const items = node.items.map((n, i) => expr(n, `${input}[${i}]`, dir, depth + 1, ctx));
      const v = `v${depth}`;
      const rest = node.rest === undefined ? undefined : expr(node.rest, v, dir, depth + 1, ctx);
      if (items.every((e) => e === undefined) && rest === undefined) return undefined;
      const parts = items.map((e, i) => e ?? `${input}[${i}]`);
      if (node.rest !== undefined) {
        // `slice` of a tuple is typed as an array of every element type: the rest is cast to its own
        const slice = `${input}.slice(${items.length})`;
        const map = rest === `${callee(node.rest, dir, ctx)}(${v})` ? callee(node.rest, dir, ctx)! : `(${v}) => ${rest}`;
        parts.push(rest === undefined ? `...${slice}` : `...(${slice} as ${typeExpr({ kind: "array", items: node.rest }, inSide(dir), ctx.names)}).map(${map})`);
      }
      return `[${parts.join(", ")}] as ${typeExpr(node, outSide(dir), ctx.names)}`;
    }
    case "record": {
      const v = `v${depth}`;
      const value = expr(node.values, v, dir, depth + 1, ctx);
      if (value === undefined) return undefined;
      ctx.uses.add("mapRecord");
      return value === `${callee(node.values, dir, ctx)}(${v})` ? `mapRecord(${input}, ${callee(node.values, dir, ctx)})` : `mapRecord(${input}, (${v}) => ${value})`;
    }
    case "union":
      return unionExpr(node.members, node.discriminator, input, dir, depth, ctx);
    case "intersection": {
      // `A[] & B[]` is an array of `A & B`: mapped item by item (merging would turn it into an object)
      const asArray = arrayIntersection(node.members, ctx);
      if (asArray !== undefined) {
        // cast: `map` of `A[] & B[]` would type its items as `A`
        const e = expr(asArray.array, `(${input} as ${typeExpr(asArray.array, inSide(dir), ctx.names)})`, dir, depth, ctx);
        return e === undefined || !asArray.nullable ? e : `${input} === null ? null : ${e}`;
      }
      const omits = intersectionOmits(node.members, dir, ctx);
      const mapped = node.members
        .map((m, i) => {
          const e = expr(m, input, dir, depth + 1, ctx);
          if (e === undefined || omits[i]!.length === 0) return e;
          ctx.uses.add("omitKeys");
          return omitCall(e, omits[i]!);
        })
        .filter((e) => e !== undefined);
      if (mapped.length === 0) return undefined;
      // spread, not Object.assign, whose [[Set]] would take a `__proto__` key for the prototype
      const merged = `({ ...${mapped.join(", ...")} } as ${typeExpr(node, outSide(dir), ctx.names)})`;
      // merging would turn null into {}: a null that every member allows stays null
      return node.members.every((m) => allowsNull(m, ctx)) ? `${input} === null ? null : ${merged}` : merged;
    }
    case "object":
      throw new Error("internal error: an object below a declaration's root was not hoisted");
    default:
      return assertNever(node);
  }
}

function unionExpr(members: readonly Node[], discriminator: { property: string; cases: readonly { value: string; member: number }[] } | undefined, input: string, dir: Direction, depth: number, ctx: MapperContext): string | undefined {
  const e = liveUnionExpr(members, discriminator, input, dir, depth, ctx);
  if (e !== undefined || !members.some((m) => converts(m, ctx.analysis))) return e;
  // no candidate maps anything, but a member that accepts no value has a wire type unlike its model type (not
  // `as never`: a `never` value in an object literal makes the literal's type unlike the object's)
  return `(${input} as unknown as ${typeExpr({ kind: "union", members }, outSide(dir), ctx.names)})`;
}

function liveUnionExpr(members: readonly Node[], discriminator: { property: string; cases: readonly { value: string; member: number }[] } | undefined, input: string, dir: Direction, depth: number, ctx: MapperContext): string | undefined {
  const hasNull = members.some(isNull);
  const nonNull = members.filter((m) => !isNull(m));
  // a member that accepts no value is never a candidate
  const live = members.map((m, i) => ({ m, i })).filter(({ m }) => !isNull(m) && !acceptsNothing(m, ctx.analysis.empty));
  if (live.length <= 1) {
    const only = live[0]?.m;
    if (only === undefined) return undefined;
    const e = expr(only, nonNull.length === 1 ? input : `(${input} as ${typeExpr(only, inSide(dir), ctx.names)})`, dir, depth, ctx);
    return e === undefined ? undefined : hasNull ? `${input} === null ? null : ${e}` : e;
  }
  const common = commonKeys(live.map(({ m }) => m), inSide(dir), ctx);
  // every member in spec order, those that map to themselves included: the first whose test accepts the value wins
  const branches: { test: string; value: string; maps: boolean }[] = live.map(({ m, i }) => {
    const e = expr(m, `(${input} as ${typeExpr(m, inSide(dir), ctx.names)})`, dir, depth + 1, ctx);
    const values = discriminator?.cases.filter((c) => c.member === i).map((c) => c.value) ?? [];
    let test: string;
    if (discriminator !== undefined && values.length > 0) {
      ctx.uses.add("fieldOf");
      const key = JSON.stringify(discriminatorKey(m, discriminator.property, dir, ctx));
      test = values.length === 1 ? `fieldOf(${input}, ${key}) === ${JSON.stringify(values[0])}` : `[${values.map((v) => JSON.stringify(v)).join(", ")}].includes(fieldOf(${input}, ${key}) as string)`;
      // a value several members share does not decide alone: the member's shape must match too
      const shared = values.some((v) => discriminator.cases.some((c) => c.value === v && c.member !== i));
      if (shared) test = `${test} && ${shapeTest(m, input, inSide(dir), ctx, 0, common)}`;
    } else test = shapeTest(m, input, inSide(dir), ctx, 0, common);
    return { test, value: e ?? `(${input} as ${typeExpr(m, outSide(dir), ctx.names)})`, maps: e !== undefined };
  });
  // members after the last one that maps need no test: a value that no member accepts passes through unchanged too
  while (branches.length > 0 && !branches.at(-1)!.maps) branches.pop();
  if (branches.length === 0) return undefined;
  const chain = `${branches.map((b) => `${b.test} ? ${b.value}`).join(" : ")} : (${input} as never)`;
  return hasNull ? `${input} === null ? null : ${chain}` : chain;
}

/**
 * For each member of an intersection, the keys to leave out of what its mapper returns. An open member
 * (additionalProperties, or the `keep` policy) copies every key it does not declare, so also the keys its
 * siblings declare, as they are on the input side (`a_b`), beside the siblings' mapped ones (`aB`): those are
 * dropped (by their output spelling, after the member's own extraKeySwaps). What is left of its extra keys
 * follows its declared keys, before the next members' keys.
 */
export function intersectionOmits(members: readonly Node[], dir: Direction, ctx: Pick<MapperContext, "names" | "decls" | "unknownKeys">): string[][] {
  const side = inSide(dir);
  const declared = members.map((m) => declaredKeys(m, side, ctx, 0));
  return members.map((m, i) => {
    const o = objectOf(nonNullMember(m) ?? m, ctx);
    if (o === undefined || (o.additional === undefined && ctx.unknownKeys !== "keep")) return [];
    const wireKeys = o.properties.map((p) => p.key);
    const modelKeys = ctx.names.keys(o);
    const own = new Set(side === "wire" ? wireKeys : modelKeys);
    const swaps = new Map(extraKeySwaps(wireKeys, modelKeys, dir));
    const out = new Set<string>();
    declared.forEach((keys, j) => {
      if (j !== i) for (const k of keys) if (!own.has(k)) out.add(swaps.get(k) ?? k);
    });
    return [...out];
  });
}

/** `omitKeys(expr, ["a", "b"])`: the runtime call that drops an open member's copies of its siblings' keys. */
export function omitCall(expr: string, keys: readonly string[]): string {
  return `omitKeys(${expr}, [${keys.map((k) => JSON.stringify(k)).join(", ")}])`;
}

/** The keys a node's objects declare on one side (through refs, unions and intersections). */
function declaredKeys(node: Node, side: Side, ctx: Pick<MapperContext, "names" | "decls">, depth: number): string[] {
  switch (node.kind) {
    case "object":
      return side === "model" ? [...ctx.names.keys(node)] : node.properties.map((p) => p.key);
    case "ref": {
      const target = ctx.decls.get(node.target);
      return target === undefined || depth > 8 ? [] : declaredKeys(target.node, side, ctx, depth + 1);
    }
    case "union":
    case "intersection":
      return node.members.flatMap((m) => declaredKeys(m, side, ctx, depth + 1));
    default:
      return [];
  }
}

/**
 * An intersection whose members are all arrays (inline, through refs, or `| null`; `{}` members aside) as the
 * array of the intersection of their items, with the tightest item counts; `nullable` when every member allows
 * null. Mappers and parse handle `A[] & B[]` as this array.
 */
export function arrayIntersection(members: readonly Node[], ctx: Pick<MapperContext, "decls">): { array: ArrayNode; nullable: boolean } | undefined {
  const parts = members.filter((m) => m.kind !== "unknown");
  const arrays = parts.map((m) => arrayOf(m, ctx, 0));
  if (parts.length === 0 || !arrays.every((a) => a !== undefined)) return undefined;
  const mins = arrays.flatMap((a) => (a.constraints?.minItems === undefined ? [] : [a.constraints.minItems]));
  const maxes = arrays.flatMap((a) => (a.constraints?.maxItems === undefined ? [] : [a.constraints.maxItems]));
  const constraints = { ...(mins.length > 0 ? { minItems: Math.max(...mins) } : {}), ...(maxes.length > 0 ? { maxItems: Math.min(...maxes) } : {}) };
  const items: Node = arrays.length === 1 ? arrays[0]!.items : { kind: "intersection", members: arrays.map((a) => a.items) };
  const array: ArrayNode = mins.length + maxes.length > 0 ? { kind: "array", items, constraints } : { kind: "array", items };
  return { array, nullable: parts.every((m) => allowsNull(m, ctx)) };
}

function arrayOf(node: Node, ctx: Pick<MapperContext, "decls">, depth: number): ArrayNode | undefined {
  if (node.kind === "array") return node;
  if (node.kind === "union") {
    const inner = nonNullMember(node);
    return inner === undefined ? undefined : arrayOf(inner, ctx, depth);
  }
  if (node.kind === "ref" && depth < 8) {
    const target = ctx.decls.get(node.target);
    return target === undefined ? undefined : arrayOf(target.node, ctx, depth + 1);
  }
  return undefined;
}

/** The discriminating property's key on the side being read. */
function discriminatorKey(member: Node, property: string, dir: Direction, ctx: MapperContext): string {
  if (dir === "fromWire") return property;
  const target = member.kind === "ref" ? ctx.decls.get(member.target)?.node : member;
  if (target?.kind !== "object") return property;
  const index = target.properties.findIndex((p) => p.key === property);
  return index === -1 ? property : ctx.names.keys(target)[index]!;
}

/** A cheap test that `input` has the member's shape (see the module comment). */
export function shapeTest(node: Node, input: string, side: Side, ctx: Pick<MapperContext, "names" | "decls" | "uses" | "analysis">, depth: number, common: ReadonlySet<string> = new Set()): string {
  switch (node.kind) {
    case "primitive":
      return node.type === "null" ? `(${input} as unknown) === null` : `typeof (${input} as unknown) === "${node.type === "integer" ? "number" : node.type}"`;
    case "literal":
      if (typeof node.value !== "object") return `(${input} as unknown) === ${JSON.stringify(node.value)}`;
      ctx.uses.add("jsonEquals");
      return `jsonEquals(${input}, ${jsonLiteral(node.value)})`;
    case "enum":
      if (node.open === true) return `typeof (${input} as unknown) === "string"`;
      return `(${chain(node.values.map((v) => `(${input} as unknown) === ${JSON.stringify(v)}`), "||")})`;
    case "array": {
      // the first item's shape tells `A[]` from `B[]` (an empty array is the first array member's)
      const item = shapeTest(node.items, `(${input} as unknown as unknown[])[0]`, side, ctx, depth + 1);
      return item === "true" ? `Array.isArray(${input} as unknown)` : `Array.isArray(${input} as unknown) && ((${input} as unknown as unknown[]).length === 0 || ${item})`;
    }
    case "tuple": {
      // the length, and the first item's shape
      const n = node.items.length;
      const length = node.rest === undefined ? `(${input} as unknown as unknown[]).length === ${n}` : n > 0 ? `(${input} as unknown as unknown[]).length >= ${n}` : undefined;
      const first = node.items[0] ?? node.rest;
      const item = first === undefined ? "true" : shapeTest(first, `(${input} as unknown as unknown[])[0]`, side, ctx, depth + 1);
      const firstTest = item === "true" ? undefined : n > 0 ? item : `((${input} as unknown as unknown[]).length === 0 || ${item})`;
      return [`Array.isArray(${input} as unknown)`, ...(length === undefined ? [] : [length]), ...(firstTest === undefined ? [] : [firstTest])].join(" && ");
    }
    case "record":
      ctx.uses.add("isPlainObject");
      return `isPlainObject(${input} as unknown)`;
    case "object": {
      // tests read through `fieldOf`/`hasKey` (typed unknown), so they never narrow the input's declared type
      const keys = side === "model" ? ctx.names.keys(node) : node.properties.map((p) => p.key);
      const tests: string[] = [];
      node.properties.forEach((p, i) => {
        const key = JSON.stringify(keys[i]!);
        if (p.required && p.node.kind === "literal" && typeof p.node.value !== "object") {
          ctx.uses.add("fieldOf");
          tests.push(`fieldOf(${input}, ${key}) === ${JSON.stringify(p.node.value)}`);
        } else if (p.required && !common.has(keys[i]!)) {
          ctx.uses.add("hasKey");
          tests.push(`hasKey(${input}, ${key})`);
        }
      });
      if (tests.length === 0) {
        ctx.uses.add("isPlainObject");
        tests.push(`isPlainObject(${input} as unknown)`);
      }
      return chain(tests, "&&");
    }
    case "ref": {
      const target = ctx.decls.get(node.target);
      if (target === undefined || depth > 8) return "true";
      return shapeTest(target.node, input, side, ctx, depth + 1, common);
    }
    case "union": {
      const live = node.members.filter((m) => !acceptsNothing(m, ctx.analysis.empty));
      return live.length === 0 ? "false" : `(${chain(live.map((m) => shapeTest(m, input, side, ctx, depth + 1)), "||")})`;
    }
    case "intersection":
      return `(${chain(node.members.map((m) => shapeTest(m, input, side, ctx, depth + 1)), "&&")})`;
    case "unknown":
      return "true";
    case "never":
      return "false";
    default:
      return assertNever(node);
  }
}

/** Required keys that every object member of a union has: their presence tells the members apart from nothing. */
function commonKeys(members: readonly Node[], side: Side, ctx: MapperContext): ReadonlySet<string> {
  const objects = members.map((m) => objectOf(m, ctx)).filter((o) => o !== undefined);
  if (objects.length < 2) return new Set();
  const sets = objects.map((o) => {
    const keys = side === "model" ? ctx.names.keys(o) : o.properties.map((p) => p.key);
    return new Set(keys.filter((_, i) => o.properties[i]!.required));
  });
  return new Set([...sets[0]!].filter((k) => sets.every((s) => s.has(k))));
}

function objectOf(node: Node, ctx: Pick<MapperContext, "decls">, depth = 0): ObjectNode | undefined {
  if (node.kind === "object") return node;
  if (node.kind === "ref" && depth < 8) {
    const target = ctx.decls.get(node.target);
    return target === undefined ? undefined : objectOf(nonNullMember(target.node) ?? target.node, ctx, depth + 1);
  }
  return undefined;
}

/** `(x as T)` → `x as T` where the parentheses are not needed (a call argument). */
function unwrap(input: string): string {
  return input.startsWith("(") && input.endsWith(")") && / as [^()]*\)$/.test(input) && !input.slice(1, -1).includes("(") ? input.slice(1, -1) : input;
}

/** Whether null is a value of `node` (following refs). */
export function allowsNull(node: Node, ctx: Pick<MapperContext, "decls">, depth = 0): boolean {
  switch (node.kind) {
    case "unknown":
      return true;
    case "primitive":
      return node.type === "null";
    case "union":
      return node.members.some((m) => allowsNull(m, ctx, depth + 1));
    case "intersection":
      return node.members.every((m) => allowsNull(m, ctx, depth + 1));
    case "ref": {
      const target = ctx.decls.get(node.target);
      return target !== undefined && depth < 8 && allowsNull(target.node, ctx, depth + 1);
    }
    default:
      return false;
  }
}

function callee(node: Node, dir: Direction, ctx: MapperContext): string | undefined {
  return node.kind === "ref" ? ctx.names.decl(node.target)[dir] : undefined;
}

function inSide(dir: Direction): Side {
  return dir === "fromWire" ? "wire" : "model";
}

function outSide(dir: Direction): Side {
  return dir === "fromWire" ? "model" : "wire";
}
