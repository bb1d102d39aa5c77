/**
 * `xFromWire` / `xToWire` for every declaration: plain functions that call each other by name. They print the
 * plan (plan/): an object's keys and extra-key swaps, an intersection's omits, a union's candidates.
 *
 * - Objects are rebuilt as object literals with exactly their declared keys (unknown keys are dropped), in
 *   the order of the target type; absent stays absent, null stays null, no `key: undefined` is introduced.
 * - Records keep their keys (data), arrays map their items; values that need no conversion are shared. Extra
 *   keys beside declared ones are copied as data, one-to-one (the plan's swaps).
 * - Intersections merge what their members map (object spread: `Object.assign` would set a `__proto__` key as the
 *   prototype); null stays null, `A[] & B[]` maps item by item; when a member allows strings or arrays
 *   (`allOf: [A, {oneOf: [string, B]}]`), only a plain object is merged.
 * - Unions: null first, then the plan's choice rule (plan/union.ts): the members the discriminator value selects
 *   (with the shape when the value is shared), then the members whose shape accepts the value, the one declaring
 *   the most of its keys first when that can differ (`pickMember`); a value no member accepts passes through
 *   unchanged.
 * - `__proto__` and other `Object.prototype` names are ordinary data: own-property checks, own-property writes.
 */
import type { WriterFunction } from "ts-morph";
import {
  and,
  array,
  arrow,
  call,
  cast,
  cond,
  eq,
  FALSE,
  id,
  index,
  calleeOf,
  isCallOf,
  lit,
  member,
  method,
  ne,
  object,
  paren,
  print,
  spread,
  type Expr,
} from "../code/expr.js";
import { MANY_KEYS } from "../code/chain.js";
import { literalKey, PROTOTYPE_KEYS } from "../code/js.js";
import { Lines } from "../code/lines.js";
import { functionDecl } from "../code/print.js";
import type { Module, Uses } from "../code/runtime.js";
import { shapeExpr } from "../code/shape.js";
import { typeExpr } from "../code/type-expr.js";
import type { Decl, Discriminator, Ir, Node, UnionNode } from "../ir/types.js";
import { assertNever, nonNullMember } from "../ir/walk.js";
import { converts } from "../plan/analyse.js";
import type { Plan } from "../plan/index.js";
import { inSide, outSide, sideKeys, type Direction, type ObjectPlan } from "../plan/object.js";
import type { Candidate } from "../plan/union.js";

interface Ctx {
  readonly plan: Plan;
  readonly uses: Uses;
}

export function emitMappers(ir: Ir, plan: Plan): Module {
  const ctx: Ctx = { plan, uses: new Set() };
  const statements = ir.decls.flatMap((decl) => [
    ...(plan.directions.read(decl.id) ? [mapper(decl, "fromWire", ctx)] : []),
    mapper(decl, "toWire", ctx),
  ]);
  const unknown = {
    strip: "Keys the spec does not declare are dropped.",
    keep: "Keys the spec does not declare are copied as they are (unknownKeys: keep).",
    reject: "Keys the spec does not declare are dropped (parse refuses them: unknownKeys: reject).",
  }[plan.unknownKeys];
  const about =
    "Mappers: `xFromWire(wire)` from JSON as received to the model (camelCase keys), `xToWire(model)` back, ready " +
    `for \`JSON.stringify\`. They trust their input's type and do not validate (\`parseX\` validates and maps in one ` +
    `pass). Absent stays absent and null stays null; values that need no conversion are shared. ${unknown}`;
  return { statements, imports: ctx.uses, about };
}

function mapper(decl: Decl, dir: Direction, ctx: Ctx): WriterFunction {
  const n = ctx.plan.names.decl(decl.id);
  const [param, inType, outType] = dir === "fromWire" ? ["wire", n.wire, n.model] : ["model", n.model, n.wire];
  const doc = dir === "fromWire" ? `Does not validate: \`${n.parse}\` validates and maps in one pass.` : undefined;
  const w = new Lines();
  writeBody(w, decl, dir, param, outType, ctx);
  return functionDecl({
    ...(doc === undefined ? {} : { doc }),
    exported: true,
    name: dir === "fromWire" ? n.fromWire : n.toWire,
    parameters: `${param}: ${inType}`,
    returns: outType,
    body: w.lines,
  });
}

function writeBody(w: Lines, decl: Decl, dir: Direction, input: string, outType: string, ctx: Ctx): void {
  if (!ctx.plan.analysis.converts(decl.id)) {
    w.line(`return ${input};`);
    return;
  }
  const node = decl.node;
  const inner = nonNullMember(node);
  if (node.kind === "object") {
    writeObject(w, ctx.plan.object(node), dir, input, outType, ctx);
    return;
  }
  if (inner?.kind === "object") {
    w.line(`if (${input} === null) return null;`);
    writeObject(w, ctx.plan.object(inner), dir, input, `NonNullable<${outType}>`, ctx);
    return;
  }
  w.line(`return ${print(expr(node, id(input), dir, 1, ctx) ?? id(input))};`);
}

/** An object of more than {@link MANY_KEYS} keys: assigned in chunks, the input read through a const of its type. */
function writeObject(w: Lines, plan: ObjectPlan, dir: Direction, given: string, outType: string, ctx: Ctx): void {
  const many = plan.keys.length > MANY_KEYS;
  const input = many ? "input" : given;
  if (many) w.line(`const input = ${given};`);
  const inKeys = sideKeys(plan, inSide(dir));
  const outKeys = sideKeys(plan, outSide(dir));
  const out = dir === "fromWire" ? "model" : "wire";
  const value = (i: number): string => {
    const access = member(id(input), inKeys[i]!);
    return print(expr(plan.keys[i]!.node, access, dir, 1, ctx) ?? access);
  };
  const literal = plan.keys.slice(0, plan.lead).map((_, i) => `${literalKey(outKeys[i]!)}: ${value(i)}`);
  if (plan.lead === plan.keys.length && !plan.copyRest) {
    w.literal(`return `, literal, ";");
    return;
  }
  w.literal(`const ${out} = `, literal, ` as ${outType};`);
  const rest = (from: number, to: number): void => {
    for (let i = from; i < to; i++) {
      const assign = assignment(out, outKeys[i]!, value(i), ctx);
      if (plan.keys[i]!.required) w.line(assign);
      else {
        const key = inKeys[i]!;
        const defined = ne(member(id(input), key), lit(undefined));
        const present = PROTOTYPE_KEYS.has(key)
          ? and([call(member(id("Object"), "hasOwn"), [id(input), lit(key)]), defined])
          : defined;
        w.line(`if (${print(present)}) ${assign}`);
      }
    }
  };
  if (!many) rest(plan.lead, plan.keys.length);
  else {
    for (let from = plan.lead, n = 1; from < plan.keys.length; from += MANY_KEYS, n++) {
      w.block(`const keys${n} = (): void => {`, () => rest(from, Math.min(from + MANY_KEYS, plan.keys.length)), "};");
      w.line(`keys${n}();`);
    }
  }
  if (plan.copyRest) writeRest(w, plan, dir, input, out, ctx);
  w.line(`return ${out};`);
}

/** Keys the spec does not declare (additionalProperties, or the `keep` policy) are copied as data. */
function writeRest(w: Lines, plan: ObjectPlan, dir: Direction, input: string, out: string, ctx: Ctx): void {
  ctx.uses.add("setOwn");
  ctx.uses.add("fieldOf");
  const inKeys = sideKeys(plan, inSide(dir));
  w.block(`for (const key of Object.keys(${input})) {`, () => {
    if (inKeys.length === 0) {
      w.line(`setOwn(${out}, key, fieldOf(${input}, key));`);
      return;
    }
    w.block("switch (key) {", () => {
      for (const k of inKeys) w.line(`case ${JSON.stringify(k)}:`);
      w.indent(() => w.line("break;"));
      // an extra key spelled like a declared key on the other side trades places with it
      for (const [from, to] of plan.swaps[dir]) {
        w.line(`case ${JSON.stringify(from)}:`);
        w.indent(() => {
          w.line(`setOwn(${out}, ${JSON.stringify(to)}, fieldOf(${input}, key));`);
          w.line("break;");
        });
      }
      w.line("default:");
      w.indent(() => w.line(`setOwn(${out}, key, fieldOf(${input}, key));`));
    });
  });
}

function assignment(target: string, key: string, value: string, ctx: Ctx): string {
  if (key === "__proto__") {
    ctx.uses.add("setOwn");
    return `setOwn(${target}, "__proto__", ${value});`;
  }
  return `${print(member(id(target), key))} = ${value};`;
}

/** The expression mapping `input`, or undefined when the value maps to itself. */
function expr(node: Node, input: Expr, dir: Direction, depth: number, ctx: Ctx): Expr | undefined {
  const { plan } = ctx;
  switch (node.kind) {
    case "primitive":
    case "literal":
    case "enum":
    case "unknown":
    case "never":
      return undefined;
    case "ref":
      return plan.analysis.converts(node.target) ? call(plan.names.decl(node.target)[dir], [input]) : undefined;
    case "date": {
      const unix = node.encoding === "unixSeconds";
      const name =
        dir === "fromWire"
          ? unix
            ? "dateFromUnix"
            : "dateFromWire"
          : unix
            ? node.wire.type === "integer"
              ? "unixSeconds"
              : "unixSecondsExact"
            : undefined;
      if (name === undefined) return method(input, "toISOString", []);
      ctx.uses.add(name);
      return call(name, [input]);
    }
    case "array": {
      const item = mapItem(node.items, dir, depth, ctx);
      return item === undefined ? undefined : method(input, "map", [item]);
    }
    case "tuple": {
      const items = node.items.map((n, i) => expr(n, index(input, i), dir, depth + 1, ctx));
      const rest = node.rest === undefined ? undefined : mapItem(node.rest, dir, depth, ctx);
      if (items.every((e) => e === undefined) && rest === undefined) return undefined;
      // only the items present are mapped (an optional one absent stays absent: no `undefined` is introduced);
      // from the last item that converts on, when the rest does not convert, the items are copied as a slice
      const n = items.length;
      const copyFrom = rest === undefined ? items.findLastIndex((e) => e !== undefined) + 1 : n;
      const parts: Expr[] = [];
      for (let i = 0; i < copyFrom; i++) {
        if (i < node.required) parts.push(items[i] ?? index(input, i));
        else if (items[i] === undefined) {
          // optional items that do not convert, up to the next one that does: copied as a slice
          let j = i + 1;
          while (j < copyFrom && items[j] === undefined) j++;
          parts.push(spread(method(input, "slice", [lit(i), lit(j)])));
          i = j - 1;
        } else {
          // an optional item that converts: mapped as a slice of at most one item (none when absent), cast to
          // its own type (`slice` of a tuple is typed as an array of every element type), like the rest
          const slice = method(input, "slice", [lit(i), lit(i + 1)]);
          const itemType = typeExpr({ kind: "array", items: node.items[i]! }, inSide(dir), plan.names);
          parts.push(spread(method(cast(slice, itemType), "map", [mapItem(node.items[i]!, dir, depth, ctx)!])));
        }
      }
      if (copyFrom < n || node.rest !== undefined) {
        const slice = method(input, "slice", [lit(copyFrom)]);
        if (rest === undefined) parts.push(spread(slice));
        else {
          // `slice` of a tuple is typed as an array of every element type: the rest is cast to its own
          const restType = typeExpr({ kind: "array", items: node.rest! }, inSide(dir), plan.names);
          parts.push(spread(method(cast(slice, restType), "map", [rest])));
        }
      }
      return cast(array(parts), typeExpr(node, outSide(dir), plan.names));
    }
    case "record": {
      const value = mapItem(node.values, dir, depth, ctx);
      if (value === undefined) return undefined;
      ctx.uses.add("mapRecord");
      return call("mapRecord", [input, value]);
    }
    case "union":
      return unionExpr(node, input, dir, depth, ctx);
    case "intersection": {
      const ip = plan.intersection(node);
      // `A[] & B[]` is an array of `A & B`: mapped item by item (merging would turn it into an object)
      if (ip.asArray !== undefined) {
        // cast: `map` of `A[] & B[]` would type its items as `A`
        const asArray = ip.asArray.array;
        const mappedArray = expr(asArray, cast(input, typeExpr(asArray, inSide(dir), plan.names)), dir, depth, ctx);
        if (mappedArray === undefined) return undefined;
        // typed as the intersection: `(A & B)[]` is not comparable to `A[] & (B | null)[]` inside an object
        // literal that a later required key makes partial
        const e = paren(cast(mappedArray, typeExpr(node, outSide(dir), plan.names)));
        return !ip.asArray.nullable ? e : cond(eq(input, lit(null)), lit(null), e);
      }
      const raw = node.members.map((m) => expr(m, input, dir, depth + 1, ctx));
      const each = raw.map((e, i) => {
        const omit = ip.omits[dir][i]!;
        if (e === undefined || omit.length === 0) return e;
        ctx.uses.add("omitKeys");
        return call("omitKeys", [e, array(omit.map((k) => lit(k)))]);
      });
      const mapped = each.flatMap((e, i) => (e === undefined ? [] : [{ e, nonObject: ip.nonObject[i]! }]));
      if (mapped.length === 0) return undefined;
      const outType = typeExpr(node, outSide(dir), plan.names);
      // spread, not Object.assign, whose [[Set]] would take a `__proto__` key for the prototype; a member that
      // allows strings or arrays maps a plain object to an object, typed so (a string cannot be spread)
      const merged = paren(
        cast(object(mapped.map((m) => ({ spread: m.nonObject ? paren(cast(m.e, "object")) : m.e }))), outType),
      );
      // merging would turn null into {}: a null that every member allows stays null
      const orNull = (e: Expr): Expr => (ip.keepsNull ? cond(eq(input, lit(null)), lit(null), e) : e);
      if (!ip.nonObject.includes(true)) return orNull(merged);
      // a value that is not a plain object is not merged (spreading "ab" gives {0: "a", 1: "b"}): the first
      // member that allows it and maps anything maps it alone (the value as it is when none maps anything)
      ctx.uses.add("isPlainObject");
      const alone = raw.find((e, i) => ip.nonObject[i] === true && e !== undefined) ?? input;
      const other = paren(cast(cast(alone, "unknown"), outType));
      // (the test reads the value as unknown: a narrowed `wire` would refuse the members' casts)
      return orNull(cond(call("isPlainObject", [cast(input, "unknown")]), merged, other));
    }
    case "object":
      throw new Error("internal error: an object below a declaration's root was not hoisted");
    default:
      return assertNever(node);
  }
}

/** The function that maps an array item, tuple rest item or record value: `fooFromWire`, or an arrow. */
function mapItem(node: Node, dir: Direction, depth: number, ctx: Ctx): Expr | undefined {
  const v = `v${depth}`;
  const e = expr(node, id(v), dir, depth + 1, ctx);
  if (e === undefined) return undefined;
  // `(v) => fooFromWire(v)` is passed as `fooFromWire` (and `dateFromWire`: a helper of one parameter)
  const f =
    node.kind === "ref" ? ctx.plan.names.decl(node.target)[dir] : node.kind === "date" ? calleeOf(e, v) : undefined;
  return f !== undefined && isCallOf(e, f, v) ? id(f) : arrow(v, e);
}

function unionExpr(
  node: Pick<UnionNode, "members" | "discriminator" | "exclusive">,
  input: Expr,
  dir: Direction,
  depth: number,
  ctx: Ctx,
): Expr | undefined {
  const e = liveUnionExpr(node, input, dir, depth, ctx);
  if (e !== undefined || !node.members.some((m) => converts(m, ctx.plan.analysis))) return e;
  // no candidate maps anything, but a member that accepts no value has a wire type unlike its model type (not
  // `as never`: a `never` value in an object literal makes the literal's type unlike the object's)
  return paren(
    cast(cast(input, "unknown"), typeExpr({ kind: "union", members: node.members }, outSide(dir), ctx.plan.names)),
  );
}

function liveUnionExpr(
  node: Pick<UnionNode, "members" | "discriminator" | "exclusive">,
  input: Expr,
  dir: Direction,
  depth: number,
  ctx: Ctx,
): Expr | undefined {
  const { plan } = ctx;
  const up = plan.union(node);
  const names = plan.names;
  const orNull = (e: Expr): Expr => (up.nullable ? cond(eq(input, lit(null)), lit(null), e) : e);
  if (up.candidates.length <= 1) {
    const only = up.candidates[0]?.node;
    if (only === undefined) return undefined;
    const e = expr(only, up.nonNull === 1 ? input : cast(input, typeExpr(only, inSide(dir), names)), dir, depth, ctx);
    return e === undefined ? undefined : orNull(e);
  }
  // the plan's choice rule: the tag tries, then the shape tries (ranked by the keys they declare, when that can
  // change the order); the first that accepts the value wins, those that map to themselves included
  const side = inSide(dir);
  const branch = (c: Candidate): { value: Expr; maps: boolean } => {
    const e = expr(c.node, cast(input, typeExpr(c.node, side, names)), dir, depth + 1, ctx);
    return { value: e ?? cast(input, typeExpr(c.node, outSide(dir), names)), maps: e !== undefined };
  };
  const tagTest = (c: Candidate, discriminator: Discriminator): Expr => {
    ctx.uses.add("fieldOf");
    const field = call("fieldOf", [input, lit(discriminatorKey(c.node, discriminator.property, dir, ctx))]);
    const test =
      c.tags.length === 1
        ? eq(field, lit(c.tags[0]!))
        : method(array(c.tags.map((v) => lit(v))), "includes", [cast(field, "string")]);
    // a value several members share does not decide alone: the member's shape must match too
    return c.sharedTag ? and([test, shapeExpr(c.shape(side), input, ctx.uses)]) : test;
  };
  const passThrough = cast(input, "never");
  const shapeTries = up.tries.filter((t) => t.by === "shape").map((t) => t.candidate);
  let rest: Expr | undefined;
  if (up.ranked) {
    // the member that declares the most of the value's keys among those whose shape accepts it
    ctx.uses.add("pickMember");
    const c = id(`c${depth}`);
    const maps = shapeTries.map((t, i) => ({ i, ...branch(t) })).filter((b) => b.maps);
    const pick = call("pickMember", [
      input,
      array(
        shapeTries.map((t) => {
          const test = shapeExpr(t.shape(side), input, ctx.uses);
          const keys = t.keys(side);
          return keys === "every" ? test : cond(test, array(keys.map((k) => lit(k))), FALSE);
        }),
      ),
    ]);
    const body = maps.reduceRight<Expr>((r, b) => cond(eq(c, lit(b.i)), b.value, r), passThrough);
    rest = maps.length === 0 ? undefined : call(paren(arrow(`c${depth}`, body, { param: "number" })), [pick]);
  } else {
    const branches = shapeTries.map((t) => ({ test: shapeExpr(t.shape(side), input, ctx.uses), ...branch(t) }));
    // members after the last one that maps need no test: a value that no member accepts passes through unchanged
    while (branches.length > 0 && !branches.at(-1)!.maps) branches.pop();
    if (branches.length > 0) rest = branches.reduceRight<Expr>((r, b) => cond(b.test, b.value, r), passThrough);
  }
  const tagged = up.tries
    .filter((t) => t.by === "tag")
    .map((t) => ({ test: tagTest(t.candidate, up.discriminator!), ...branch(t.candidate) }));
  if (rest === undefined) while (tagged.length > 0 && !tagged.at(-1)!.maps) tagged.pop();
  if (rest === undefined && tagged.length === 0) return undefined;
  return orNull(tagged.reduceRight<Expr>((r, b) => cond(b.test, b.value, r), rest ?? passThrough));
}

/** The discriminating property's key on the side being read. */
function discriminatorKey(member: Node, property: string, dir: Direction, ctx: Ctx): string {
  if (dir === "fromWire") return property;
  const target = member.kind === "ref" ? ctx.plan.decls.get(member.target)?.node : member;
  if (target?.kind !== "object") return property;
  const index = target.properties.findIndex((p) => p.key === property);
  return index === -1 ? property : ctx.plan.names.keys(target)[index]!;
}
