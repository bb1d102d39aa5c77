/**
 * JSON pointers (RFC 6901), the one codec: segments ↔ `#/a/b~1c`. A segment escapes `~` as `~0` and `/` as `~1`.
 * `$ref` fragments are URI fragments too, so they may also percent-escape (`#/components/schemas/a%20b`):
 * `fragmentSegments` decodes those; `pointerSegments` reads pointers wirecase wrote (with `encodePointer`) and
 * does not, so a key spelt `%20` stays `%20`.
 */

/** One segment as it is written in a pointer: `a/b~c` → `a~1b~0c`. */
export function encodeSegment(segment: string | number): string {
  return String(segment).replace(/~/g, "~0").replace(/\//g, "~1");
}

/** Segments → a pointer in URI-fragment form: `["a", "b/c", 0]` → `#/a/b~1c/0`; `[]` → `#`. */
export function encodePointer(path: readonly (string | number)[]): string {
  return "#" + path.map((p) => `/${encodeSegment(p)}`).join("");
}

/** `#/a/b~1c` (or `/a/b~1c`) → `["a", "b/c"]`; `#` → `[]`; `#/` → `[""]`. No percent escapes. */
export function pointerSegments(pointer: string): string[] {
  return split(pointer.startsWith("#") ? pointer.slice(1) : pointer).map(decodeSegment);
}

/** A `$ref`'s fragment, after the `#`: `/components/schemas/a~1b%20c` → `["components", "schemas", "a/b c"]`. */
export function fragmentSegments(fragment: string): string[] {
  return split(fragment).map((s) => decodeSegment(decodePercent(s)));
}

/** Percent escapes decoded (`a%20b` → `a b`); text that is not valid percent-encoding is kept as written. */
export function decodePercent(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** `a~1b~0c` → `a/b~c` (`~1` first, so `~01` is `~1`, not `/`). */
function decodeSegment(segment: string): string {
  return segment.replace(/~1/g, "/").replace(/~0/g, "~");
}

/** The still-escaped segments of a pointer body: `""` → `[]`, `/a/b` → `["a", "b"]`, `/` → `[""]`. */
function split(body: string): string[] {
  if (body === "") return [];
  return (body.startsWith("/") ? body.slice(1) : body).split("/");
}
