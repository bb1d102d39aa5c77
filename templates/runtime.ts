/**
 * Runtime helpers used by wirecase's generated mappers, guards and parse functions. This file is copied
 * verbatim into every output folder, so the generated code has no npm dependency. It is plain, strict
 * TypeScript and is unit-tested in wirecase's own repository (test/runtime.test.ts).
 */

/** Maps the values of a record (a map whose keys are data): keys are copied untouched, never renamed. */
export function mapRecord<A, B>(record: { readonly [key: string]: A }, map: (value: A) => B): { [key: string]: B } {
  const out: { [key: string]: B } = {};
  for (const key of Object.keys(record)) {
    const value = map(record[key] as A);
    if (key === "__proto__") {
      // an ordinary own property, never the prototype
      Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
    } else {
      out[key] = value;
    }
  }
  return out;
}

/** True for a JSON object: not null, not an array. */
export function isPlainObject(value: unknown): value is { readonly [key: string]: unknown } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Sets an own, enumerable property (safe for `__proto__`). */
export function setOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** True when `value` is a JSON object with its own property `key`. */
export function hasKey(value: unknown, key: string): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.hasOwn(value, key);
}

/** The own property `key` of a JSON object, or undefined. */
export function fieldOf(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null && Object.hasOwn(value, key)
    ? (value as { readonly [key: string]: unknown })[key]
    : undefined;
}

/**
 * The order in which a union's members are tried: the members whose shape test passed (`keys`: the keys each
 * declares, `true` for one that keeps every key as data, a record; `false` for a member whose test failed), the
 * one declaring the most of the value's own keys first, spec order on ties. A value that is not an object
 * declares nothing: spec order.
 */
export function rankMembers(value: unknown, candidates: readonly (readonly string[] | boolean)[]): number[] {
  const own = typeof value === "object" && value !== null && !Array.isArray(value) ? Object.keys(value) : [];
  const scored: { index: number; score: number }[] = [];
  candidates.forEach((keys, index) => {
    if (keys === false) return;
    scored.push({ index, score: keys === true ? own.length : own.filter((k) => keys.includes(k)).length });
  });
  return scored.sort((a, b) => b.score - a.score || a.index - b.index).map((c) => c.index);
}

/**
 * The member a union's mappers take: the first of {@link rankMembers}, or -1 when no member's test passed. One
 * pass over the candidates and the value's own keys, allocating nothing (the mappers call it on every value).
 */
export function pickMember(value: unknown, candidates: readonly (readonly string[] | boolean)[]): number {
  const object = typeof value === "object" && value !== null && !Array.isArray(value) ? value : undefined;
  let best = -1;
  let bestScore = -1;
  for (let i = 0; i < candidates.length; i++) {
    const keys = candidates[i]!;
    if (keys === false) continue;
    let score = 0;
    if (object !== undefined)
      for (const key in object) if (Object.hasOwn(object, key) && (keys === true || keys.includes(key))) score++;
    // strictly more: on a tie the earlier member (spec order) stays
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  }
  return best;
}

/**
 * A copy of a JSON object without the own keys `keys`; anything else as it is. For allOf: an open member's
 * mapper copies the keys it does not declare, those its siblings declare (and map) among them.
 */
export function omitKeys<T>(value: T, keys: readonly string[]): T {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  const out: { [key: string]: unknown } = {};
  for (const key of Object.keys(value)) {
    if (!keys.includes(key)) setOwn(out, key, (value as { readonly [key: string]: unknown })[key]);
  }
  return out as T;
}

// ---- guards and parse --------------------------------------------------------------------------------------

/** One problem found by a `parseX` / `safeParseX` function. */
export interface ParseIssue {
  /** Where, in the JSON as received: `$.hyperparameters.n_epochs`, `$.data[3].created_at`, `$["weird key"]`. */
  readonly wirePath: string;
  /** Where, in the model: `hyperparameters.nEpochs`, `data[3].createdAt` (`""` for the value itself). */
  readonly modelPath: string;
  /** What the schema allows there: `integer >= 1`, `"auto" | integer`, `object`. */
  readonly expected: string;
  /** What was there: `string "abc"`, `number 0`, `null`, `missing`. */
  readonly received: string;
  /** `$.hyperparameters.n_epochs: expected integer >= 1, received number 0`. */
  readonly message: string;
}

/** The result of a `safeParseX` function: never throws. */
export type SafeParseResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issues: readonly ParseIssue[] };

/** Thrown by a `parseX` function; `issues` lists every problem found, in document order. */
export class ParseError extends Error {
  readonly issues: readonly ParseIssue[];
  constructor(issues: readonly ParseIssue[]) {
    const shown = issues.slice(0, 5).map((i) => i.message);
    if (issues.length > shown.length) shown.push(`... and ${issues.length - shown.length} more`);
    super(`${issues.length} ${issues.length === 1 ? "issue" : "issues"}: ${shown.join("; ")}`);
    this.name = "ParseError";
    this.issues = issues;
  }
}

/** A path step: an object key (as on the wire, or as in the model) or an array index. */
export type PathSegment = string | number;

/**
 * An issue while parsing: the path is relative to the function that found it and is completed on the way
 * out (`nestIssues`), so nothing about paths is built unless something is wrong.
 */
export interface IssueDraft {
  readonly wire: PathSegment[];
  readonly model: PathSegment[];
  readonly expected: string;
  readonly received: unknown;
}

/**
 * Issues a union's failed candidates leave: those of the one with the fewest so far, set aside (`best`) while the
 * next candidate is tried (a candidate that failed left at least one).
 */
export interface IssuesAside {
  best?: IssueDraft[];
}

/**
 * Takes the issues after `start` out of `issues`, keeping them in `aside` when they are the fewest so far. A
 * holder, not a variable of the generated function: TypeScript follows a reassigned local back through every
 * candidate before each use, which made type-checking a union of many members quadratic (60 members: 0.3 s).
 */
export function setAsideIssues(issues: IssueDraft[], start: number, aside: IssuesAside): void {
  const best = aside.best;
  if (best === undefined || issues.length - start < best.length) aside.best = issues.splice(start);
  else issues.length = start;
}

/** The last candidate's issues give way to those set aside when those are as few or fewer. */
export function keepFewestIssues(issues: IssueDraft[], start: number, aside: IssuesAside): void {
  const best = aside.best;
  if (best !== undefined && best.length <= issues.length - start) issues.splice(start, issues.length - start, ...best);
}

/** When every candidate failed: puts the issues set aside back; false when there are none (no candidate tried). */
export function restoreIssues(issues: IssueDraft[], aside: IssuesAside): boolean {
  if (aside.best === undefined) return false;
  issues.push(...aside.best);
  return true;
}

/** Records an issue at `wire` / `model` (relative paths; `model` defaults to `wire`). Returns undefined. */
export function addIssue(
  issues: IssueDraft[],
  expected: string,
  received: unknown,
  wire: PathSegment[] = [],
  model?: PathSegment[],
): undefined {
  issues.push({ wire, model: model ?? wire.slice(), expected, received });
  return undefined;
}

/** Prefixes the paths of the issues from index `from` on with `wire` / `model` (`model` defaults to `wire`). */
export function nestIssues(
  issues: IssueDraft[],
  from: number,
  wire: readonly PathSegment[],
  model?: readonly PathSegment[],
): void {
  for (let i = from; i < issues.length; i++) {
    const issue = issues[i]!;
    issue.wire.unshift(...wire);
    issue.model.unshift(...(model ?? wire));
  }
}

/** Finished issues, with their paths and descriptions written out. */
export function toParseIssues(drafts: readonly IssueDraft[]): ParseIssue[] {
  return drafts.map((d) => {
    const wirePath = formatPath(d.wire, "$");
    const received = describeValue(d.received);
    return {
      wirePath,
      modelPath: formatPath(d.model, ""),
      expected: d.expected,
      received,
      message: `${wirePath}: expected ${d.expected}, received ${received}`,
    };
  });
}

/** A generated `parseXInto` worker: validates `value`, maps it, and adds what is wrong to `issues`. */
export type ParseWorker = (value: unknown, issues: IssueDraft[]) => unknown;

/** Runs a parse worker: its value, or a {@link ParseError} listing every issue found. */
export function runParse<T>(worker: ParseWorker, json: unknown): T {
  const issues: IssueDraft[] = [];
  const value = worker(json, issues);
  if (issues.length > 0) throw new ParseError(toParseIssues(issues));
  return value as T;
}

/** Runs a parse worker without throwing: `{ ok: true, value }` or `{ ok: false, issues }`. */
export function runSafeParse<T>(worker: ParseWorker, json: unknown): SafeParseResult<T> {
  const { value, issues, thrown } = runCaught(worker, json);
  if (thrown !== undefined) {
    return {
      ok: false,
      issues: [
        ...toParseIssues(issues),
        {
          wirePath: "$",
          modelPath: "",
          expected: "a JSON value",
          received: thrown,
          message: `$: expected a JSON value, received ${thrown}`,
        },
      ],
    };
  }
  return issues.length > 0 ? { ok: false, issues: toParseIssues(issues) } : { ok: true, value: value as T };
}

/**
 * Runs a parse worker for the functions that never throw: what it returned and the issues it added, and what it
 * threw, as text. Only a value JSON cannot hold makes it throw: a cycle, nesting too deep for the stack, a
 * throwing getter.
 */
function runCaught(
  worker: ParseWorker,
  json: unknown,
): { value: unknown; issues: IssueDraft[]; thrown: string | undefined } {
  const issues: IssueDraft[] = [];
  try {
    return { value: worker(json, issues), issues, thrown: undefined };
  } catch (error) {
    return { value: undefined, issues, thrown: String(error) };
  }
}

// ---- Standard Schema v1 (https://standardschema.dev) ---------------------------------------------------------
// The spec's interfaces, copied as the spec intends (no dependency), flattened out of its type-only namespace:
// `StandardSchemaV1<Input, Output>` here is assignable to `@standard-schema/spec`'s, and back.

/** A Standard Schema: `xSchema["~standard"].validate(json)` is `{ value: model }` or `{ issues }`. */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly "~standard": StandardSchemaProps<Input, Output>;
}

export interface StandardSchemaProps<Input = unknown, Output = Input> {
  readonly version: 1;
  readonly vendor: string;
  readonly validate: (
    value: unknown,
    options?: StandardSchemaOptions | undefined,
  ) => StandardSchemaResult<Output> | Promise<StandardSchemaResult<Output>>;
  /** Types only (never set at run time): the wire type as `input`, the model as `output`. */
  readonly types?: StandardSchemaTypes<Input, Output> | undefined;
}

export interface StandardSchemaOptions {
  readonly libraryOptions?: Record<string, unknown> | undefined;
}

export type StandardSchemaResult<Output> =
  | { readonly value: Output; readonly issues?: undefined }
  | { readonly issues: readonly StandardSchemaIssue[] };

export interface StandardSchemaIssue {
  /** `expected integer >= 1, received number 0` (the path is in `path`). */
  readonly message: string;
  /** The wire path: keys as in the JSON received, and array indexes. */
  readonly path?: readonly (PropertyKey | { readonly key: PropertyKey })[] | undefined;
}

export interface StandardSchemaTypes<Input = unknown, Output = Input> {
  readonly input: Input;
  readonly output: Output;
}

/**
 * `validate` of a generated `xSchema` (a Standard Schema whose object the generated code writes out, so a bundler
 * drops the ones an app does not import): the parse worker's model as `{ value }`, or its issues with the wire
 * path as keys and indexes. Synchronous.
 */
export function standardValidate<Output>(worker: ParseWorker, value: unknown): StandardSchemaResult<Output> {
  const issuesOf = (drafts: readonly IssueDraft[]): StandardSchemaIssue[] =>
    drafts.map((d) => ({ message: `expected ${d.expected}, received ${describeValue(d.received)}`, path: d.wire }));
  const { value: out, issues, thrown } = runCaught(worker, value);
  if (thrown !== undefined)
    return { issues: [...issuesOf(issues), { message: `expected a JSON value, received ${thrown}` }] };
  return issues.length > 0 ? { issues: issuesOf(issues) } : { value: out as Output };
}

const PATH_IDENTIFIER = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*$/u;

/** `$` + `.key`, `[3]`, `["weird key"]`; with root `""`, a leading identifier has no dot: `data[3].createdAt`. */
export function formatPath(segments: readonly PathSegment[], root: string): string {
  let out = root;
  for (const s of segments) {
    if (typeof s === "number") out += `[${s}]`;
    else if (PATH_IDENTIFIER.test(s)) out += out === "" ? s : `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

/** A short description of a received value: `string "abc"`, `number 0`, `array of 3 items`, `missing`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "missing";
  if (value === null) return "null";
  if (Array.isArray(value)) return `array of ${value.length} ${value.length === 1 ? "item" : "items"}`;
  switch (typeof value) {
    case "string": {
      const text = JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
      return `string ${text}`;
    }
    case "number":
    case "boolean":
    case "bigint":
      return `${typeof value} ${String(value)}`;
    case "object":
      return "object";
    default:
      return typeof value;
  }
}

/** The length of a string in code points (what JSON Schema's minLength/maxLength count), not UTF-16 units. */
export function codePointLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // a high surrogate followed by a low one is one code point
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** `multipleOf`, tolerant of binary floating point (`0.3` is a multiple of `0.1`). */
export function isMultipleOf(value: number, divisor: number): boolean {
  if (Number.isInteger(value) && Number.isInteger(divisor)) return value % divisor === 0;
  const q = value / divisor;
  return Number.isFinite(q) && Math.abs(q - Math.round(q)) <= 1e-9 * Math.max(1, Math.abs(q));
}

/** Deep equality of JSON values (for `const` objects and arrays); key order does not matter. */
export function jsonEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEquals(x, b[i]));
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return (
    ka.length === kb.length &&
    ka.every(
      (k) =>
        Object.hasOwn(b, k) &&
        jsonEquals((a as { readonly [key: string]: unknown })[k], (b as { readonly [key: string]: unknown })[k]),
    )
  );
}

/** True when no two items of an array are equal as JSON (`uniqueItems`; `jsonEquals`, so `1` and `1.0` are equal). */
export function allUnique(items: readonly unknown[]): boolean {
  for (let i = 1; i < items.length; i++) {
    for (let j = 0; j < i; j++) if (jsonEquals(items[i], items[j])) return false;
  }
  return true;
}

/** True when every own value of a JSON object passes `test` (records: keys are data). */
export function everyValue(record: { readonly [key: string]: unknown }, test: (value: unknown) => boolean): boolean {
  for (const key of Object.keys(record)) if (!test(record[key])) return false;
  return true;
}

/**
 * True when `value` is one of the strings in `list`, which holds each of them between U+0000 separators
 * (`"\0a\0b\0"`): the test of a long string enum, one scan instead of thousands of comparisons.
 */
export function isListedString(value: unknown, list: string): boolean {
  return typeof value === "string" && !value.includes("\u0000") && list.includes(`\u0000${value}\u0000`);
}

/** True when exactly one of `tests` is true (a `oneOf` under the `strict` option). */
export function exactlyOne(tests: readonly boolean[]): boolean {
  return tests.filter((t) => t).length === 1;
}

/**
 * True when `value` is a JSON object whose own keys are all in `known` (the `reject` unknown-keys policy, a closed
 * object); false for anything else.
 */
export function hasOnlyKeys(value: unknown, known: readonly string[]): boolean {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  for (const key of Object.keys(value)) if (!known.includes(key)) return false;
  return true;
}

// ── Dates (the `dates: "Date"` option) ──────────────────────────────────────────────────────────────────────────────

/**
 * RFC 3339's `date-time` (section 5.6): `2024-01-31T23:59:59.123+02:00`, `T` and `Z` in either case, or a space for
 * the `T` (which the RFC allows "for the sake of readability", and JSON Schema validators accept).
 */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;

/**
 * The instant an RFC 3339 date-time names, or undefined when `text` is not one (a day the month does not have, an
 * hour past 23, an offset past 23:59). A leap second (`23:59:60` in UTC) is the instant after `23:59:59.999`, as
 * POSIX time and `Date` count (no `Date` holds a 61st second); digits past the millisecond are dropped (a `Date`
 * counts milliseconds). Read field by field, not by `Date.parse`, whose reading of anything but its own format is
 * left to each engine.
 */
export function readDateTime(text: string): Date | undefined {
  const m = DATE_TIME.exec(text);
  if (m === null) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = Number(m[6]);
  const offsetHours = m[8] === undefined ? 0 : Number(m[9]);
  const offsetMinutes = m[8] === undefined ? 0 : Number(m[10]);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  if (month < 1 || month > 12 || day < 1 || day > days) return undefined;
  if (hour > 23 || minute > 59 || second > 60 || offsetHours > 23 || offsetMinutes > 59) return undefined;
  const offset = (m[8] === "-" ? -1 : 1) * (offsetHours * 60 + offsetMinutes);
  // a leap second is the last second of a UTC day
  if (second === 60 && (((hour * 60 + minute - offset) % 1440) + 1440) % 1440 !== 1439) return undefined;
  const ms = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, "0"));
  const date = new Date(0);
  // (not Date.UTC: it reads a year below 100 as 19xx)
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute - offset, second, ms);
  return date;
}

/** True when `value` is an RFC 3339 date-time string (see {@link readDateTime}). */
export function isDateTime(value: unknown): boolean {
  return typeof value === "string" && readDateTime(value) !== undefined;
}

/** True when `value` is a `Date` that holds an instant (not `new Date("nonsense")`). */
export function isValidDate(value: unknown): value is Date {
  return value instanceof Date && !Number.isNaN(value.getTime());
}

/** An RFC 3339 date-time string as a `Date` (an invalid `Date` when it is not one: mappers do not validate). */
export function dateFromWire(text: string): Date {
  return readDateTime(text) ?? new Date(Number.NaN);
}

/** Seconds since 1970-01-01T00:00:00Z (`format: unixtime`, `unix-time`) as a `Date`. */
export function dateFromUnix(seconds: number): Date {
  return new Date(seconds * 1000);
}

/** A `Date` as whole seconds since 1970 (an integer on the wire: the milliseconds are dropped, rounding down). */
export function unixSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

/** A `Date` as seconds since 1970, with the milliseconds as a fraction (a `number` on the wire). */
export function unixSecondsExact(date: Date): number {
  return date.getTime() / 1000;
}

/** The largest number of seconds a `Date` can hold either side of 1970 (8.64e15 milliseconds). */
export const MAX_UNIX_SECONDS = 8.64e12;

// ── Form bodies ──────────────────────────────────────────────────────────────────────────────────────────────────

/** How one property of a form body is serialised: the fields of OpenAPI's Encoding Object that say so. */
export interface FormEncoding {
  /** `form` (the default), `spaceDelimited`, `pipeDelimited` or `deepObject`. */
  readonly style?: string;
  /** Default: true for `form`, false for the other styles. */
  readonly explode?: boolean;
  /** Keep RFC 3986's reserved characters (`:/?#[]@!$&'()*+,;=`) in values as they are. */
  readonly allowReserved?: boolean;
}

/** A form body's encodings by property, as an operation's `requestBody.encoding` gives them. */
export type FormEncodings = { readonly [property: string]: FormEncoding };

/**
 * The fields of a form body's wire object as name/value pairs, following OpenAPI's `encoding` rules (its
 * parameter-serialisation table): `form` with `explode` repeats an array's name per item and spreads an object's
 * keys (`color=blue&color=black`, `R=100&G=200`), without it joins by commas (`color=blue,black`,
 * `color=R,100,G,200`); `spaceDelimited` / `pipeDelimited` join by a space / `|`; `deepObject` nests names
 * (`metadata[order_id]=6735`; an array of scalars `expand[]=customer`, else by index `items[0][price]=p`).
 * Absent (`undefined`) values are left out, `null` is the empty string, other values their JSON text when no
 * rule covers them. For `multipart/form-data`, append the pairs to a `FormData`.
 */
export function formFields(value: object, encoding: FormEncodings = {}): [string, string][] {
  const same = (text: string): string => text;
  return formEntries(value, encoding, { name: same, value: same, reserved: same });
}

/**
 * A form body's wire object as `application/x-www-form-urlencoded` text, by the rules of {@link formFields}:
 * names and values percent-encoded (UTF-8), the delimiters (`&`, `=`, `,`, `|`, `[`, `]`) written as they are.
 */
export function encodeForm(value: object, encoding: FormEncodings = {}): string {
  const esc = { name: encodeComponent, value: encodeComponent, reserved: encodeReserved };
  return formEntries(value, encoding, esc)
    .map(([name, text]) => `${name}=${text}`)
    .join("&");
}

function encodeComponent(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `allowReserved`: reserved characters stay; `%` (unless it starts an escape) and the rest are encoded. */
function encodeReserved(text: string): string {
  return text.replace(/%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+/g, (s) => encodeURIComponent(s));
}

/** How a form body's names and values are written: as they are (`formFields`) or percent-encoded. */
interface FormEscapes {
  readonly name: (text: string) => string;
  readonly value: (text: string) => string;
  /** For the values of an `allowReserved` property. */
  readonly reserved: (text: string) => string;
}

/** The pairs of a form body, its names and values written by `esc`. */
function formEntries(value: object, encoding: FormEncodings, esc: FormEscapes): [string, string][] {
  const out: [string, string][] = [];
  const fields = value as { readonly [key: string]: unknown };
  for (const key of Object.keys(fields)) {
    const field = fields[key];
    if (field === undefined) continue;
    const rule = Object.hasOwn(encoding, key) ? encoding[key] : undefined;
    const style = rule?.style ?? "form";
    const explode = rule?.explode ?? style === "form";
    const own = rule?.allowReserved === true ? { ...esc, value: esc.reserved } : esc;
    if (style === "deepObject") deepEntries(esc.name(key), field, out, own);
    else styleEntries(key, field, { style, explode }, out, own);
  }
  return out;
}

function scalarText(value: unknown): string {
  if (value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  return JSON.stringify(value) ?? "";
}

/** `form`, `spaceDelimited`, `pipeDelimited`: one property's pairs. */
function styleEntries(
  key: string,
  value: unknown,
  rule: { readonly style: string; readonly explode: boolean },
  out: [string, string][],
  esc: FormEscapes,
): void {
  const delimiter = rule.style === "spaceDelimited" ? esc.name(" ") : rule.style === "pipeDelimited" ? "|" : ",";
  const name = esc.name(key);
  if (Array.isArray(value)) {
    const items = value.filter((v) => v !== undefined).map((v) => esc.value(scalarText(v)));
    if (rule.explode) for (const item of items) out.push([name, item]);
    else out.push([name, items.join(delimiter)]);
    return;
  }
  if (isPlainObject(value)) {
    const keys = Object.keys(value).filter((k) => value[k] !== undefined);
    if (rule.explode) for (const k of keys) out.push([esc.name(k), esc.value(scalarText(value[k]))]);
    else out.push([name, keys.flatMap((k) => [esc.name(k), esc.value(scalarText(value[k]))]).join(delimiter)]);
    return;
  }
  out.push([name, esc.value(scalarText(value))]);
}

/** `deepObject`: `name[key]`, `name[]` for an array of scalars, `name[0]` for other arrays, to any depth. */
function deepEntries(name: string, value: unknown, out: [string, string][], esc: FormEscapes): void {
  if (Array.isArray(value)) {
    const scalars = value.every((v) => !Array.isArray(v) && !isPlainObject(v));
    value.forEach((v, i) => {
      if (v !== undefined) deepEntries(scalars ? `${name}[]` : `${name}[${i}]`, v, out, esc);
    });
    return;
  }
  if (isPlainObject(value)) {
    for (const k of Object.keys(value))
      if (value[k] !== undefined) deepEntries(`${name}[${esc.name(k)}]`, value[k], out, esc);
    return;
  }
  out.push([name, esc.value(scalarText(value))]);
}
