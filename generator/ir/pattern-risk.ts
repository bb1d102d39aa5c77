/**
 * Patterns a backtracking regular expression engine (JavaScript's) may take exponential time on: star height
 * above 1, the rule of the `safe-regex` package, i.e. a group repeated without bound (`*`, `+`, `{n,}`) whose body
 * also repeats without bound (`([\w.-]*)*`, BeezUP's URL pattern). On a string that almost matches, the engine
 * tries every way to split it between the two repetitions. A heuristic: it flags some patterns whose repetitions
 * cannot overlap (`(?:\.[a-z]+)*` is safe), and misses ambiguity of other kinds (`(a|a)*`).
 */

/** The first group repeated without bound that repeats without bound inside (`([\/\w \.-]*)*`), if any. */
export function nestedRepetition(pattern: string): string | undefined {
  // per open group: where it starts and whether its body repeats without bound
  const stack: { start: number; unbounded: boolean }[] = [];
  let i = 0;
  const quantifierAt = (at: number): { unbounded: boolean; end: number } | undefined => {
    const c = pattern[at];
    if (c === "*" || c === "+") return { unbounded: true, end: at + 1 };
    if (c === "?") return { unbounded: false, end: at + 1 };
    if (c === "{") {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(at));
      if (m !== null) return { unbounded: m[2] !== undefined && m[3] === "", end: at + m[0].length };
    }
    return undefined;
  };
  const markUnbounded = (): void => {
    const top = stack.at(-1);
    if (top !== undefined) top.unbounded = true;
  };
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === "\\") i += 2;
    else if (c === "[") {
      // a character class: up to its unescaped `]` (a `]` right after `[` or `[^` is a literal)
      i++;
      if (pattern[i] === "^") i++;
      if (pattern[i] === "]") i++;
      while (i < pattern.length && pattern[i] !== "]") i += pattern[i] === "\\" ? 2 : 1;
      i++;
    } else if (c === "(") {
      stack.push({ start: i, unbounded: false });
      i++;
      continue;
    } else if (c === ")") {
      const group = stack.pop();
      i++;
      const q = quantifierAt(i);
      if (group !== undefined && q !== undefined) {
        if (q.unbounded && group.unbounded) return pattern.slice(group.start, q.end);
        if (group.unbounded || q.unbounded) markUnbounded();
        i = q.end;
      } else if (group?.unbounded === true) markUnbounded();
      continue;
    } else i++;
    // the atom just passed (an escape, a class, a character): its quantifier
    const q = quantifierAt(i);
    if (q !== undefined) {
      if (q.unbounded) markUnbounded();
      i = q.end;
    }
  }
  return undefined;
}
