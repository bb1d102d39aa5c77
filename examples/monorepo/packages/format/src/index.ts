// A workspace package that does not depend on the generated models: editing the spec leaves its build cached.

/** "1 epoch", "3 epochs". */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}
