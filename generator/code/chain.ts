/** `||` / `&&` chains in generated code, grouped so that TypeScript's binder does not overflow. */

/** Longest flat `||` / `&&` chain in generated code. */
export const CHAIN = 32;

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
