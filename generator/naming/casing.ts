/**
 * Casing rules. Only the naming module calls these; emitters ask `Names` for identifiers.
 *
 * Property keys (`modelKey`):
 * - word separators are `_`, `-`, `.` and spaces; the words are joined in camelCase;
 * - leading and trailing underscores (and a leading `$`) are kept as they are: `_links`, `__typename`,
 *   `trailing_`, `$schema`; inner runs collapse: `foo__bar` → `fooBar`;
 * - acronyms keep their case after the first word (`user_ID` → `userID`, `userID` → `userID`); a leading
 *   acronym is lowered (`ID` → `id`, `HTTPStatus` → `httpStatus`, `URL_path` → `urlPath`, `IDs` → `ids`);
 * - digits are ordinary characters: `n_epochs` → `nEpochs`, `x_2d` → `x2d`, `v1.2` → `v12`;
 * - a key that still would not be an identifier (`+1`, `@type`, `2fa_enabled`, `a/b`, emoji) keeps its wire
 *   spelling and is quoted in the model type.
 */

const SEPARATOR = /[\s._-]+/u;
const IDENTIFIER = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*$/u;

export function isIdentifier(text: string): boolean {
  return IDENTIFIER.test(text);
}

/** The camelCase model key for a wire key (collisions are resolved by the caller). */
export function modelKey(key: string): string {
  const lead = /^[_$]*/.exec(key)![0];
  const trail = lead.length === key.length ? "" : /_*$/.exec(key)![0];
  const core = key.slice(lead.length, key.length - trail.length);
  const words = core.split(SEPARATOR).filter((w) => w !== "");
  if (words.length === 0) return key;
  const camel = words.map((w, i) => (i === 0 ? lowerFirstWord(w) : upperFirst(w))).join("");
  const result = lead + camel + trail;
  return isIdentifier(result) ? result : key;
}

/**
 * Longest type name, in UTF-8 bytes, before a collision suffix. The model name also names its doc page
 * (`docs/<Name>.md`, written through a temporary name about 15 bytes longer), and file systems limit a file name
 * to 255 bytes; names of schemas nested forty levels deep, or of a schema whose key is a sentence, would not
 * fit. GitHub's longest model name is 107 bytes: real names stay as they are.
 */
export const MAX_TYPE_NAME_BYTES = 200;

/**
 * PascalCase type name from raw name parts: `["FineTuningJob", "error"]` → `FineTuningJobError`. A name longer
 * than {@link MAX_TYPE_NAME_BYTES} keeps its first part and as many of its last parts as fit
 * (`DeepRootLevelLevel40…Level1` → `DeepLevel29…Level2Level1`), and is cut if that part alone is too long.
 */
export function typeName(parts: readonly string[]): string {
  // identifier characters only (`²`, `①` are numbers but not identifier characters); `_` separates words
  const pascal = parts.map((p) =>
    p
      .split(/[^\p{ID_Continue}]+|_+/u)
      .filter((w) => w !== "")
      .map(upperFirst)
      .join(""),
  );
  let name = pascal.join("");
  if (bytes(name) > MAX_TYPE_NAME_BYTES) name = shorten(pascal);
  if (name === "") name = "Schema";
  if (!/^[\p{ID_Start}$_]/u.test(name)) name = `_${name}`;
  return name;
}

function shorten(pascal: readonly string[]): string {
  const head = pascal[0] ?? "";
  let tail = "";
  for (let i = pascal.length - 1; i > 0; i--) {
    const next = pascal[i]! + tail;
    if (bytes(head + next) > MAX_TYPE_NAME_BYTES) break;
    tail = next;
  }
  if (bytes(head + tail) <= MAX_TYPE_NAME_BYTES) return head + tail;
  let name = "";
  for (const c of head) {
    if (bytes(name + c) > MAX_TYPE_NAME_BYTES) break;
    name += c;
  }
  return name;
}

function bytes(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

/** `FineTuningJob` → `fineTuningJob`, `HTTPStatus` → `httpStatus`, `ID` → `id`. */
export function valueName(typeName: string): string {
  return lowerFirstWord(typeName);
}

function upperFirst(word: string): string {
  const first = String.fromCodePoint(word.codePointAt(0)!);
  return first.toUpperCase() + word.slice(first.length);
}

function lowerFirstWord(word: string): string {
  const acronym = /^\p{Lu}+/u.exec(word)?.[0] ?? "";
  if (acronym.length === 0) return word;
  if (acronym.length === word.length) return word.toLowerCase();
  // a plural acronym: `IDs` → `ids`, `URLs2` → `urls2`
  if (acronym.length > 1 && /^s(?!\p{L})/u.test(word.slice(acronym.length)))
    return acronym.toLowerCase() + word.slice(acronym.length);
  if (acronym.length === 1 || !/^\p{Ll}/u.test(word.slice(acronym.length))) {
    // `Foo` → `foo`; `IDs2` → `ids2`
    return acronym.length === 1
      ? acronym.toLowerCase() + word.slice(1)
      : acronym.toLowerCase() + word.slice(acronym.length);
  }
  // `HTTPStatus`: the last capital starts the next word
  return acronym.slice(0, -1).toLowerCase() + word.slice(acronym.length - 1);
}
