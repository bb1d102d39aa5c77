/**
 * Where many JSON pointers' keys are in one JSON text, in a single pass (the docs' "source" line for every
 * declaration: `locateJson` per pointer would scan the text again for each, which at GitHub's 5,660 schemas in
 * 13 MB is minutes). Subtrees no wanted pointer enters are skipped without decoding their keys.
 */
import type { Position } from "../diagnostics.js";

interface Trie {
  readonly children: Map<string, Trie>;
  wanted: boolean;
}

const trie = (): Trie => ({ children: new Map(), wanted: false });

/** Position of each path's key (or array element) that exists, keyed by the path's segments joined with U+0000. */
export function locateMany(text: string, paths: readonly (readonly string[])[]): Map<string, Position> {
  const root = trie();
  for (const path of paths) {
    let node = root;
    for (const seg of path) {
      let next = node.children.get(seg);
      if (next === undefined) node.children.set(seg, (next = trie()));
      node = next;
    }
    node.wanted = true;
  }
  const offsets = new Map<string, number>();
  let i = 0;
  const n = text.length;
  const ws = (): void => {
    for (let c = text.charCodeAt(i); c === 32 || c === 10 || c === 13 || c === 9; c = text.charCodeAt(++i));
  };
  /** Past the value at `i` that no wanted path enters: brackets counted, strings skipped, nothing decoded. */
  const skip = (): void => {
    let depth = 0;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 34) i = stringEnd(text, i);
      else if (c === 123 || c === 91) depth++;
      else if (c === 125 || c === 93) {
        if (depth === 0) return;
        if (--depth === 0) {
          i++;
          return;
        }
      } else if (depth === 0 && (c === 44 || c === 32 || c === 10 || c === 13 || c === 9)) return;
    }
  };
  /** Past a string starting at `i`; its raw text (without quotes) when `keep`. */
  const string = (keep: boolean): string | undefined => {
    const start = i + 1;
    i = stringEnd(text, i) + 1;
    if (!keep) return undefined;
    const raw = text.slice(start, i - 1);
    return raw.includes("\\") ? (JSON.parse(`"${raw}"`) as string) : raw;
  };
  /** `path`: the segments so far joined with U+0000, undefined at the root (so an empty key is a segment too). */
  const value = (at: Trie | undefined, path: string | undefined): void => {
    ws();
    if (at === undefined || at.children.size === 0) {
      skip();
      return;
    }
    const c = text.charCodeAt(i);
    if (c === 123 || c === 91) {
      const close = c === 123 ? 125 : 93;
      i++;
      let index = 0;
      for (;;) {
        ws();
        if (i >= n || text.charCodeAt(i) === close) break;
        let key: string | undefined;
        const start = i;
        if (c === 123) {
          key = string(at !== undefined && at.children.size > 0);
          ws();
          i++; // ':'
        } else key = String(index++);
        const child = key === undefined ? undefined : at?.children.get(key);
        const childPath = path === undefined ? (key ?? "") : `${path}\u0000${key ?? ""}`;
        if (child?.wanted === true) {
          ws();
          offsets.set(childPath, c === 123 ? start : i);
        }
        value(child, childPath);
        ws();
        if (text.charCodeAt(i) === 44) i++;
      }
      i++;
    } else if (c === 34) string(false);
    else while (i < n && !",}] \n\r\t".includes(text[i]!)) i++;
  };
  value(root, undefined);
  // offsets → line and column, in one pass over the text
  const sorted = [...offsets].sort((a, b) => a[1] - b[1]);
  const out = new Map<string, Position>();
  let line = 1;
  let lineStart = 0;
  let k = 0;
  for (const [key, offset] of sorted) {
    for (; k < offset; k++) {
      if (text.charCodeAt(k) === 10) {
        line++;
        lineStart = k + 1;
      }
    }
    out.set(key, { line, col: offset - lineStart + 1 });
  }
  return out;
}

/** The index of the closing quote of the string opening at `start` (or the text's length). */
function stringEnd(text: string, start: number): number {
  let i = start;
  for (;;) {
    i = text.indexOf('"', i + 1);
    if (i === -1) return text.length;
    // escaped when an odd number of backslashes precede it
    let backslashes = 0;
    while (text.charCodeAt(i - 1 - backslashes) === 92) backslashes++;
    if (backslashes % 2 === 0) return i;
  }
}
