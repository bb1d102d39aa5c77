/** Arrays (minItems/maxItems, then each item), tuples (length, each position, the rest) and records. */
import type { ArrayNode, Constraints, Node, RecordNode, TupleNode, UnknownNode } from "../../ir/types.js";
import { converts } from "../../plan/analyse.js";
import { plural } from "../../plan/validate.js";
import { checksSomething, child, type Gen, type Path, wrongType } from "./context.js";
import { constraintChecks } from "./scalars.js";

/** An array: `minItems`/`maxItems`, then each item (rebuilt only when an item converts). */
export function array(w: Gen, node: ArrayNode, input: string, path: Path, nullText: string): string {
  const { items, constraints } = node;
  const r = w.fresh("r");
  const rebuilds = converts(items, w.ctx.plan.analysis);
  w.line(`let ${r}: unknown = ${input};`);
  wrongType(w, node, `Array.isArray(${input})`, `array${nullText}`, input, path);
  w.block("else {", () => {
    if (constraints?.minItems !== undefined && constraints.minItems > 0) {
      w.line(`if (${input}.length < ${constraints.minItems}) ${w.issue(atLeast(constraints.minItems), input, path)}`);
    }
    if (constraints?.maxItems !== undefined) {
      w.line(`if (${input}.length > ${constraints.maxItems}) ${w.issue(atMost(constraints.maxItems), input, path)}`);
    }
    if (!checksSomething(items, w.ctx) && !rebuilds) return;
    const a = w.fresh("a");
    const i = w.fresh("i");
    const e = w.fresh("e");
    if (rebuilds) w.line(`const ${a}: unknown[] = [];`);
    w.block(`for (let ${i} = 0; ${i} < ${input}.length; ${i}++) {`, () => {
      w.line(`const ${e}: unknown = ${input}[${i}];`);
      const out = w.gen(items, e, child(path, i), false);
      if (rebuilds) w.line(`${a}.push(${out});`);
    });
    if (rebuilds) w.line(`${r} = ${a};`);
  });
  return r;
}

/**
 * A tuple: its length (at least the required items and minItems; at most maxItems, and the prefix without a
 * rest), each prefix position when the array is that long, then the rest items (rebuilt only when one converts).
 */
export function tuple(w: Gen, node: TupleNode, input: string, path: Path, nullText: string): string {
  const { items, rest, required } = node;
  const r = w.fresh("r");
  const n = items.length;
  const converting = (m: Node): boolean => converts(m, w.ctx.plan.analysis);
  const rebuilds = items.some(converting) || (rest !== undefined && converting(rest));
  const least = Math.max(required, node.constraints?.minItems ?? 0);
  const most = Math.min(node.constraints?.maxItems ?? Infinity, rest === undefined ? n : Infinity);
  const bound = (count: number, word: string): string =>
    `array of ${least === most ? "exactly" : word} ${itemCount(count)}`;
  w.line(`let ${r}: unknown = ${input};`);
  wrongType(w, node, `Array.isArray(${input})`, `array${nullText}`, input, path);
  // too few items for the required ones: the positions are not checked (they would report `undefined`)
  if (required > 0) w.line(`else if (${input}.length < ${required}) ${w.issue(bound(least, "at least"), input, path)}`);
  w.block("else {", () => {
    if (least > required) w.line(`if (${input}.length < ${least}) ${w.issue(bound(least, "at least"), input, path)}`);
    if (most !== Infinity) w.line(`if (${input}.length > ${most}) ${w.issue(bound(most, "at most"), input, path)}`);
    const a = rebuilds ? w.fresh("a") : "";
    if (rebuilds) w.line(`const ${a}: unknown[] = [];`);
    items.forEach((item, index) => {
      const one = (): void => {
        const e = w.fresh("e");
        w.line(`const ${e}: unknown = ${input}[${index}];`);
        const out = w.gen(item, e, child(path, String(index)), false);
        if (rebuilds) w.line(`${a}.push(${out});`);
      };
      // an optional position is checked (and copied) only when the array reaches it
      if (index < required) one();
      else w.block(`if (${input}.length > ${index}) {`, one);
    });
    if (rest === undefined) {
      if (rebuilds) w.line(`${r} = ${a};`);
      return;
    }
    if (checksSomething(rest, w.ctx) || converting(rest)) {
      const i = w.fresh("i");
      const e = w.fresh("e");
      w.block(`for (let ${i} = ${n}; ${i} < ${input}.length; ${i}++) {`, () => {
        w.line(`const ${e}: unknown = ${input}[${i}];`);
        const out = w.gen(rest, e, child(path, i), false);
        if (rebuilds) w.line(`${a}.push(${out});`);
      });
      if (rebuilds) w.line(`${r} = ${a};`);
    } else if (rebuilds) w.line(`${r} = ${a}.concat(${input}.slice(${n}));`);
  });
  return r;
}

/** A record: each value (rebuilt only when a value converts; a `__proto__` key set as own). */
export function record(w: Gen, node: RecordNode, input: string, path: Path, nullText: string): string {
  const values = node.values;
  w.ctx.uses.add("isPlainObject");
  const r = w.fresh("r");
  const rebuilds = converts(values, w.ctx.plan.analysis);
  w.line(`let ${r}: unknown = ${input};`);
  wrongType(w, node, `isPlainObject(${input})`, `object${nullText}`, input, path);
  if (!checksSomething(values, w.ctx) && !rebuilds) return r;
  w.block("else {", () => {
    const o = w.fresh("o");
    const k = w.fresh("k");
    const e = w.fresh("e");
    if (rebuilds) w.line(`const ${o}: { [key: string]: unknown } = {};`);
    w.block(`for (const ${k} of Object.keys(${input})) {`, () => {
      w.line(`const ${e}: unknown = ${input}[${k}];`);
      const out = w.gen(values, e, child(path, k), false);
      if (rebuilds) {
        w.ctx.uses.add("setOwn");
        w.line(`if (${k} === "__proto__") setOwn(${o}, ${k}, ${out});`);
        w.line(`else ${o}[${k}] = ${out};`);
      }
    });
    if (rebuilds) w.line(`${r} = ${o};`);
  });
  return r;
}

/** `3 items`, `1 item`. */
function itemCount(n: number): string {
  return `${n} ${plural(n, "item")}`;
}

function atLeast(n: number): string {
  return `array of at least ${itemCount(n)}`;
}

function atMost(n: number): string {
  return `array of at most ${itemCount(n)}`;
}

/**
 * Any value, with the constraints a schema without `type` gives each JSON type (`{ maxLength: 3 }`): checked on
 * values of that type only.
 */
export function anyValue(w: Gen, node: UnknownNode, input: string, path: Path): void {
  const when = node.when;
  if (when === undefined) return;
  const scalar = (type: "string" | "number", c: Constraints | undefined): void => {
    if (c === undefined) return;
    const checks = constraintChecks({ kind: "primitive", type }, c, input, w.ctx);
    if (checks.length === 0) return;
    w.block(`if (typeof ${input} === "${type}") {`, () => {
      for (const [test, expected] of checks) w.line(`if (${test}) ${w.issue(expected, input, path)}`);
    });
  };
  scalar("string", when.string);
  scalar("number", when.number);
  const c = when.array;
  if (c === undefined) return;
  w.block(`if (Array.isArray(${input})) {`, () => {
    if (c.minItems !== undefined && c.minItems > 0) {
      w.line(`if (${input}.length < ${c.minItems}) ${w.issue(atLeast(c.minItems), input, path)}`);
    }
    if (c.maxItems !== undefined)
      w.line(`if (${input}.length > ${c.maxItems}) ${w.issue(atMost(c.maxItems), input, path)}`);
  });
}
