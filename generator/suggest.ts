/** "Did you mean ...?": the known words closest to a misspelt one, by edit distance. */

/**
 * Edit distance between `a` and `b`, ignoring case: insertions, deletions, substitutions and swaps of two
 * neighbouring characters count one each (optimal string alignment).
 */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  // three rows of the table: two back, one back, this one
  let before = new Array<number>(t.length + 1).fill(0);
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const row = [i];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      row.push(d);
    }
    before = previous;
    previous = row;
  }
  return previous[t.length]!;
}

/**
 * The candidates closest to `word` (at most `most`, closest first, then in the order given): those within an
 * edit distance of a third of the word's length (at least 1, at most 4), else those that contain it or that it
 * contains (ignoring case; a candidate of four characters or more).
 */
export function closest(word: string, candidates: readonly string[], most = 3): string[] {
  const limit = Math.min(4, Math.max(1, Math.floor(word.length / 3)));
  const near = candidates
    .map((c, i) => ({ c, i, d: editDistance(word, c) }))
    .filter((e) => e.d <= limit)
    .sort((x, y) => x.d - y.d || x.i - y.i)
    .map((e) => e.c);
  if (near.length > 0) return [...new Set(near)].slice(0, most);
  const lower = word.toLowerCase();
  if (lower.length < 2) return [];
  const related = candidates.filter(
    (c) => c.toLowerCase().includes(lower) || (c.length >= 4 && lower.includes(c.toLowerCase())),
  );
  return [...new Set(related)].slice(0, most);
}

/** `; did you mean "A" or "B"?`, or "" when nothing is close; `quote` writes each candidate. */
export function didYouMean(
  word: string,
  candidates: readonly string[],
  quote: (c: string) => string = (c) => JSON.stringify(c),
): string {
  const close = closest(word, candidates);
  return close.length === 0 ? "" : `; did you mean ${close.map(quote).join(" or ")}?`;
}
