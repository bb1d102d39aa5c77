/** `||` / `&&` chains in generated code, grouped so that TypeScript's binder does not overflow. */

/** Longest flat `||` / `&&` chain in generated code. */
export const CHAIN = 32;

/**
 * Most keys of an object one generated function maps or parses: more are handled in chunks, each in its own
 * arrow function. TypeScript finds a reference's type by walking back through every branch before it and gives up
 * after about a thousand (TS2563, "too large for control flow analysis": DocuSign's `accountSettingsInformation`
 * has 674 keys, two branches each); a function starts a new walk.
 */
export const MANY_KEYS = 100;

/**
 * `a || b || c`: terms joined by an operator, in parenthesised groups of at most {@link CHAIN} terms when there
 * are more. TypeScript's binder recurses once per operator of a flat chain and overflows its stack at about a
 * thousand (an enum of 1,200 values, an object of as many properties); grouped, the depth stays small.
 */
export function chain(terms: readonly string[], op: "||" | "&&"): string {
  if (terms.length <= CHAIN) return terms.join(` ${op} `);
  const groups: string[] = [];
  for (let i = 0; i < terms.length; i += CHAIN) groups.push(`(${terms.slice(i, i + CHAIN).join(` ${op} `)})`);
  return chain(groups, op);
}
