/** Objects: the plan's keys (the lead in one literal, the rest assigned), unknown keys rejected or copied. */
import { chain, MANY_KEYS } from "../../code/chain.js";
import { accessor, literalKey, PROTOTYPE_KEYS } from "../../code/js.js";
import { mayBeUndefined } from "../../ir/query.js";
import type { ObjectNode } from "../../ir/types.js";
import { checksSomething, child, describe, type Gen, type Path, wrongType } from "./context.js";

/** An object: the plan's lead keys in one literal, the others assigned, unknown keys rejected or copied. */
export function object(w: Gen, node: ObjectNode, value: string, path: Path, nullText: string): string {
  w.ctx.uses.add("isPlainObject");
  const r = w.fresh("r");
  const plan = w.ctx.plan.object(node);
  w.line(`let ${r}: unknown = ${value};`);
  wrongType(w, node, `isPlainObject(${value})`, `object${nullText}`, value, path);
  w.block("else {", () => {
    let input = value;
    if (plan.keys.length > MANY_KEYS) {
      input = w.fresh("o");
      w.line(`const ${input}: { readonly [key: string]: unknown } = ${value};`);
    }
    const m = w.fresh("m");
    const entries: string[] = [];
    const read = (i: number): { p: string; at: Path } => {
      const key = plan.keys[i]!.wire;
      const p = w.fresh("p");
      if (PROTOTYPE_KEYS.has(key)) {
        w.ctx.uses.add("fieldOf");
        w.line(`const ${p}: unknown = fieldOf(${input}, ${JSON.stringify(key)});`);
      } else w.line(`const ${p}: unknown = ${input}${accessor(key)};`);
      return { p, at: child(path, JSON.stringify(key), JSON.stringify(plan.keys[i]!.model)) };
    };
    const required = (i: number, p: string, at: Path): string => {
      const k = plan.keys[i]!;
      if (mayBeUndefined(k.node, w.ctx.plan.decls)) {
        w.line(
          `if (!Object.hasOwn(${input}, ${JSON.stringify(k.wire)})) ` +
            w.issue(describe(k.node, w.ctx), "undefined", at),
        );
      }
      return w.gen(k.node, p, at, false);
    };
    for (let i = 0; i < plan.lead; i++) {
      const { p, at } = read(i);
      entries.push(`${literalKey(plan.keys[i]!.model)}: ${required(i, p, at)}`);
    }
    if (plan.rejectUnknown) {
      const k = w.fresh("k");
      w.block(`for (const ${k} of Object.keys(${input})) {`, () => {
        w.block(`switch (${k}) {`, () => {
          for (const key of plan.keys) w.line(`case ${JSON.stringify(key.wire)}:`);
          if (plan.keys.length > 0) w.line("  break;");
          w.line("default:");
          w.line(`  ${w.issue("no key the spec does not declare", `${input}[${k}]`, child(path, k))}`);
        });
      });
    }
    if (plan.lead === plan.keys.length && !plan.copyRest) {
      w.literal(`${r} = `, entries, ";");
      return;
    }
    w.literal(`const ${m}: { [key: string]: unknown } = `, entries, ";");
    const rest = (from: number, to: number): void => {
      for (let i = from; i < to; i++) {
        const k = plan.keys[i]!;
        const { p, at } = read(i);
        if (k.required) w.line(assign(w, m, k.model, required(i, p, at)));
        else {
          w.block(`if (${p} !== undefined) {`, () => {
            w.line(assign(w, m, k.model, w.gen(k.node, p, at, false)));
          });
        }
      }
    };
    if (plan.keys.length <= MANY_KEYS) rest(plan.lead, plan.keys.length);
    else {
      for (let from = plan.lead; from < plan.keys.length; from += MANY_KEYS) {
        const c = w.fresh("c");
        w.block(`const ${c} = (): void => {`, () => rest(from, Math.min(from + MANY_KEYS, plan.keys.length)), "};");
        w.line(`${c}();`);
      }
    }
    if (plan.copyRest) {
      w.ctx.uses.add("setOwn");
      const k = w.fresh("k");
      const known =
        chain(
          plan.keys.map((key) => `${k} !== ${JSON.stringify(key.wire)}`),
          "&&",
        ) || "true";
      // an extra key spelled like a declared model key trades places with its wire spelling (the plan's swaps)
      const target = plan.swaps.fromWire.reduceRight(
        (rest, [from, to]) => `${k} === ${JSON.stringify(from)} ? ${JSON.stringify(to)} : ${rest}`,
        k,
      );
      const extra = node.additional;
      w.block(`for (const ${k} of Object.keys(${input})) {`, () => {
        if (extra === undefined || !checksSomething(extra, w.ctx)) {
          w.line(`if (${known}) setOwn(${m}, ${target}, ${input}[${k}]);`);
          return;
        }
        // the additionalProperties schema holds for every extra key; the value is copied as it is (as the mappers
        // copy it), so what checking it builds is not kept
        w.block(`if (${known}) {`, () => {
          const e = w.fresh("e");
          w.line(`const ${e}: unknown = ${input}[${k}];`);
          const out = w.gen(extra, e, child(path, k, target), false);
          if (out !== e) w.line(`void ${out};`);
          w.line(`setOwn(${m}, ${target}, ${e});`);
        });
      });
    }
    w.line(`${r} = ${m};`);
  });
  return r;
}

function assign(w: Gen, target: string, key: string, value: string): string {
  if (PROTOTYPE_KEYS.has(key)) {
    // `__proto__` would set the prototype; the others are typed by `Object` (`constructor: Function`)
    w.ctx.uses.add("setOwn");
    return `setOwn(${target}, ${JSON.stringify(key)}, ${value});`;
  }
  return `${target}${accessor(key)} = ${value};`;
}
