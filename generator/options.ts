/**
 * Every option wirecase takes, declared once in `OPTIONS`. Derived from the table, never written again:
 * - the command line: `parseArgs` options (`parseArgsOptions`), the `USAGE` text, flag → job values (`jobFlags`,
 *   `cliFlags`) and the check of flag values (`flagProblem`);
 * - the config file: which keys a job takes and the check of each value, with its message (`configProblem`);
 * - the types: `GenerateOptions` (what `generate()` takes), `JobFields` (one job of a config file) and
 *   `UnknownKeys`.
 *
 * Adding an option (as `dates: "string" | "Date"` was) is one entry in `OPTIONS` plus the stage that reads it:
 * 1. add `dates: { scope: "generate", flag: "dates", arg: "<t>", value: { type: "choice", choices: ["string",
 *    "Date"] }, default: "string", help: ["string (default) or Date: how ..."] }` where it belongs in the `--help`
 *    order, with a doc comment (it becomes the doc comment of `GenerateOptions.dates`);
 * 2. read `options.dates` in the stage it changes (`generate.ts` passes the options on; `dates` is a transform);
 * 3. document the flag in README.md (Command line and Config file).
 * Nothing else: the flag, its check and message, the config key, its check and message, `--help` and the types
 * follow from the entry (test/option-table.test.ts checks each of them for every entry).
 * `scope` says where an option goes: `generate` (GenerateOptions, config jobs and a flag), `job` (config jobs and
 * a flag, not `generate()`: the output folder) or `cli` (a flag only: how this run behaves).
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { assertNever } from "./ir/walk.js";
import { didYouMean } from "./suggest.js";

/** The kinds of value an option takes; each kind has one check, one message and one flag parser. */
export type OptionValue =
  /** A non-empty string; a `path` is resolved against the current folder (flag) or the config's folder (file). */
  | { readonly type: "string"; readonly path: boolean }
  /** A flag without a value; `true` or `false` in a config file. */
  | { readonly type: "boolean" }
  /** Comma-separated on the command line, a list of strings in a config file; `of` names the items. */
  | { readonly type: "list"; readonly of: string }
  /** One of a few words; `default` (of the option) is one of them. */
  | { readonly type: "choice"; readonly choices: readonly string[] };

export interface OptionSpec {
  readonly scope: "generate" | "job" | "cli";
  /** The long flag, without `--`; the config key is the table key. */
  readonly flag: string;
  readonly short?: string;
  /** The value's placeholder in `--help` (`<spec>`); absent for booleans. */
  readonly arg?: string;
  readonly value: OptionValue;
  /** Every job must have it (from the config file or the flag). */
  readonly required?: boolean;
  /** The value when the option is not given, if it has one. */
  readonly default?: string | boolean;
  /** `--help` lines (the first beside the flag, the rest below it); empty hides the option. */
  readonly help: readonly string[];
}

/** The option table, in `--help` order (config jobs are checked, and cache keys built, in this order too). */
export const OPTIONS = {
  /** Path of the OpenAPI document (YAML or JSON). */
  input: {
    scope: "generate",
    flag: "input",
    short: "i",
    arg: "<spec>",
    value: { type: "string", path: true },
    required: true,
    help: ["OpenAPI 3.0/3.1 or Swagger 2.0 document, YAML or JSON"],
  },
  /** The output folder. */
  output: {
    scope: "job",
    flag: "output",
    short: "o",
    arg: "<dir>",
    value: { type: "string", path: true },
    required: true,
    help: ["output folder"],
  },
  /** The config file; by default the first of `CONFIG_FILES` in the current folder. */
  config: {
    scope: "cli",
    flag: "config",
    short: "c",
    arg: "<file>",
    value: { type: "string", path: true },
    help: ["config file (default: wirecase.config.{ts,mts,mjs,js,json} in the current folder)"],
  },
  /** Read no config file, even if there is one: a one-off run with `--input` and `--output`. */
  noConfig: {
    scope: "cli",
    flag: "no-config",
    value: { type: "boolean" },
    default: false,
    help: ["read no config file: a one-off run beside a config (--input and --output then required)"],
  },
  /** Component schema names (with `*` wildcards) to generate, with everything they reference. Default: all. */
  include: {
    scope: "generate",
    flag: "include",
    arg: "<names>",
    value: { type: "list", of: "schema names" },
    help: ["only these component schemas (comma-separated, * wildcards) and what they reference"],
  },
  /** Component schema names (with `*` wildcards) to leave out unless a kept schema needs them. */
  exclude: {
    scope: "generate",
    flag: "exclude",
    arg: "<names>",
    value: { type: "list", of: "schema names" },
    help: ["leave these schemas out unless a kept schema needs them"],
  },
  /** What happens to keys present on the wire but not in the spec; see `UnknownKeys`. Default `strip`. */
  unknownKeys: {
    scope: "generate",
    flag: "unknown-keys",
    arg: "<p>",
    value: { type: "choice", choices: ["strip", "keep", "reject"] },
    default: "strip",
    help: ["strip (default), keep or reject keys the spec does not declare"],
  },
  /**
   * Open enums: a string enum also accepts values it does not list (typed `Known | (string & {})`), so a
   * server adding a value does not break parsing. Default false.
   */
  openEnums: {
    scope: "generate",
    flag: "open-enums",
    value: { type: "boolean" },
    default: false,
    help: ["string enums also accept values they do not list"],
  },
  /**
   * How instants are typed in the models: `string` (default) as on the wire; `Date`: `format: date-time` strings and
   * Unix timestamps (`format: unixtime` / `unix-time` integers and numbers, in seconds) are `Date`s, built by
   * `fromWire` and parse (which checks the RFC 3339 text), written back by `toWire`. `format: date` stays a string.
   */
  dates: {
    scope: "generate",
    flag: "dates",
    arg: "<t>",
    value: { type: "choice", choices: ["string", "Date"] },
    default: "string",
    help: ["string (default) or Date: the model type of date-time strings and Unix timestamps"],
  },
  /**
   * Strict `oneOf`: parse and guards require a value to be valid against exactly one member of a `oneOf` (JSON
   * Schema's rule). Default false: the first valid member is taken, as for `anyOf`, since real specs have
   * overlapping `oneOf` members.
   */
  strict: {
    scope: "generate",
    flag: "strict",
    value: { type: "boolean" },
    default: false,
    help: ["parse and guards require a oneOf value to match exactly one member"],
  },
  /**
   * Read and write variants: `split` (default) gives every schema with `readOnly` or `writeOnly` properties
   * (itself or through what it refers to) a request variant `<Name>Writable` (readOnly properties left out,
   * writeOnly ones kept) and leaves writeOnly properties out of the original, the response form; request bodies
   * use the variant. `off`: one model per schema with every property, as the spec lists them.
   */
  readWrite: {
    scope: "generate",
    flag: "read-write",
    arg: "<m>",
    value: { type: "choice", choices: ["split", "off"] },
    default: "split",
    help: ["split (default): XWritable request variants without readOnly properties; off: one model"],
  },
  /**
   * What files to write: `ts` (default) TypeScript sources; `js` JavaScript with `.d.ts` declarations beside it,
   * for apps that only consume the output (their compiler reads declarations only, no function bodies).
   */
  emit: {
    scope: "generate",
    flag: "emit",
    arg: "<kind>",
    value: { type: "choice", choices: ["ts", "js"] },
    default: "ts",
    help: ["ts (default): TypeScript sources; js: JavaScript with .d.ts declarations"],
  },
  /** Regenerate even when the warm-run cache says nothing changed. */
  force: {
    scope: "cli",
    flag: "force",
    value: { type: "boolean" },
    default: false,
    help: ["regenerate even when nothing changed since the last run"],
  },
  /** Compare with the output folder instead of writing; exit 1 on drift. */
  check: {
    scope: "cli",
    flag: "check",
    value: { type: "boolean" },
    default: false,
    help: ["generate in memory and compare with the output folder; write nothing;", "exit 1 if anything differs"],
  },
  /** Regenerate on every change of the spec, a file it references or the config. */
  watch: {
    scope: "cli",
    flag: "watch",
    short: "w",
    value: { type: "boolean" },
    default: false,
    help: ["regenerate when the spec, a file it references or the config changes"],
  },
  /** Print errors only. */
  quiet: {
    scope: "cli",
    flag: "quiet",
    short: "q",
    value: { type: "boolean" },
    default: false,
    help: ["print errors only (and, with --check, only the files that differ)"],
  },
  /** Print the version (`wirecase 0.1.0`) and exit 0. */
  version: {
    scope: "cli",
    flag: "version",
    value: { type: "boolean" },
    default: false,
    help: ["print the version and exit"],
  },
  /** Print `USAGE` and exit 0. */
  help: { scope: "cli", flag: "help", short: "h", value: { type: "boolean" }, default: false, help: [] },
} as const satisfies Readonly<Record<string, OptionSpec>>;

type Table = typeof OPTIONS;
/** An option's name: its key in `OPTIONS`, which is also its config-file key. */
export type OptionName = keyof Table;
type ValueOf<V> = V extends { readonly type: "boolean" }
  ? boolean
  : V extends { readonly type: "list" }
    ? readonly string[]
    : V extends { readonly type: "choice"; readonly choices: readonly (infer C)[] }
      ? C
      : string;
type Value<K extends OptionName> = ValueOf<Table[K]["value"]>;
type Scoped<S> = { [K in OptionName]: Table[K]["scope"] extends S ? K : never }[OptionName];
type RequiredName = { [K in OptionName]: Table[K] extends { readonly required: true } ? K : never }[OptionName];
/** The options named `N`, each typed by its value; required ones are not optional. */
type Fields<N extends OptionName> = Flat<
  { readonly [K in keyof Table as K extends N & RequiredName ? K : never]: Value<K> } & {
    readonly [K in keyof Table as K extends Exclude<N, RequiredName> ? K : never]?: Value<K> | undefined;
  }
>;
/** One object type instead of an intersection (for hovers and type equality); keeps each property's doc comment. */
type Flat<T> = { [K in keyof T]: T[K] };

/** What `generate()` takes: the `generate` options of the table. */
export type GenerateOptions = Fields<Scoped<"generate">>;
/** One job of a config file: the `generate` and `job` options (`input` and `output` required). */
export type JobFields = Fields<Scoped<"generate" | "job">>;
/** The flags that only steer this run of the command line. */
export type CliFlags = { readonly [K in keyof Table as K extends Scoped<"cli"> ? K : never]: Value<K> | undefined };

/**
 * What happens to keys present on the wire but not in the spec:
 * - `strip` (default): guards and parse accept them, mappers and parse drop them;
 * - `keep`: accepted, and copied through the mappers and parse untouched (not renamed);
 * - `reject`: guards and parse refuse them (mappers, which trust their input's type, drop them).
 */
export type UnknownKeys = Value<"unknownKeys">;

export const UNKNOWN_KEYS: readonly UnknownKeys[] = OPTIONS.unknownKeys.value.choices;

/** `split`: request variants `<Name>Writable` where readOnly/writeOnly properties occur; `off`: none. */
export type ReadWrite = Value<"readWrite">;

/** The table's entries, in order. */
export const OPTION_LIST: readonly (readonly [OptionName, OptionSpec])[] = Object.entries(OPTIONS) as [
  OptionName,
  OptionSpec,
][];

/** The config-file keys of a job, in table order. */
export const JOB_KEYS: readonly OptionName[] = OPTION_LIST.filter(([, o]) => o.scope !== "cli").map(([k]) => k);

/** What `parseArgs` returns for the options of `parseArgsOptions()`. */
export type FlagValues = Readonly<Record<string, string | boolean | undefined>>;

/** `node:util` `parseArgs` options: one per table entry, keyed by the long flag. */
export function parseArgsOptions(): Record<string, { type: "string" | "boolean"; short?: string }> {
  return Object.fromEntries(
    OPTION_LIST.map(([, o]) => {
      const type = o.value.type === "boolean" ? "boolean" : "string";
      return [o.flag, o.short === undefined ? { type } : { type, short: o.short }];
    }),
  );
}

/**
 * The command line as flag values and positionals, or what is wrong with it, in words (`unknown option --incude;
 * did you mean --include?`, `--input needs a value: --input <spec>`, `--check takes no value`) rather than
 * `parseArgs`'s.
 */
export function parseCommandLine(
  argv: readonly string[],
): { readonly values: FlagValues; readonly positionals: readonly string[] } | { readonly problem: string } {
  const { values, positionals, tokens } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: false,
    tokens: true,
    options: parseArgsOptions(),
  });
  for (const t of tokens) {
    if (t.kind !== "option") continue;
    const o = OPTION_LIST.find(([, x]) => x.flag === t.name || x.short === t.name)?.[1];
    if (o === undefined) {
      const flags = OPTION_LIST.filter(([, x]) => x.help.length > 0).map(([, x]) => x.flag);
      return { problem: `unknown option ${t.rawName}${didYouMean(t.name, flags, (f) => `--${f}`)}` };
    }
    if (o.value.type === "boolean" && t.inlineValue === true) return { problem: `--${o.flag} takes no value` };
    if (o.value.type !== "boolean" && (t.value === undefined || (t.inlineValue !== true && t.value.startsWith("-"))))
      return { problem: `--${o.flag} needs a value: --${o.flag} ${o.arg ?? "<value>"}` };
  }
  return { values, positionals };
}

/** Where the help text of each flag starts. */
const HELP_COLUMN = 26;

/** `--help`: every table entry with help text, in table order. */
export const USAGE = [
  "Usage: wirecase generate [options]",
  "",
  ...OPTION_LIST.flatMap(([, o]) => usageLines(o)),
  "",
  "Flags override the config file. With no config file, --input and --output are required.",
  "Exit codes: 0 ok, 1 --check found differences, 2 invalid input, usage, or an output file that cannot be " +
    "written, 3 internal error.",
].join("\n");

function usageLines(o: OptionSpec): string[] {
  const short = o.short === undefined ? "    " : `-${o.short}, `;
  const flag = `--${o.flag}${o.arg === undefined ? "" : ` ${o.arg}`}`;
  const [first, ...rest] = o.help;
  if (first === undefined) return [];
  const lead = `  ${short}${flag}`;
  return [`${lead.padEnd(HELP_COLUMN - 2)}  ${first}`, ...rest.map((line) => `${" ".repeat(HELP_COLUMN)}${line}`)];
}

/** What a value must be, for messages: `one of strip, keep, reject`. */
export function mustBe(value: OptionValue): string {
  switch (value.type) {
    case "string":
      return value.path ? "a path (a non-empty string)" : "a non-empty string";
    case "boolean":
      return "true or false";
    case "list":
      return `a list of ${value.of}`;
    case "choice":
      return `one of ${value.choices.join(", ")}`;
    default:
      return assertNever(value);
  }
}

/** Whether a config-file value is valid for an option of this kind. */
function accepts(value: OptionValue, x: unknown): boolean {
  switch (value.type) {
    case "string":
      return typeof x === "string" && x !== "";
    case "boolean":
      return typeof x === "boolean";
    case "list":
      return Array.isArray(x) && x.every((s) => typeof s === "string");
    case "choice":
      return typeof x === "string" && value.choices.includes(x);
    default:
      return assertNever(value);
  }
}

/** Why a config file's value for `name` is invalid (`` `unknownKeys` must be one of ...``), or undefined. */
export function configProblem(name: OptionName, x: unknown): string | undefined {
  const o: OptionSpec = OPTIONS[name];
  if (x === undefined && o.required !== true) return undefined;
  return accepts(o.value, x) ? undefined : `\`${name}\` must be ${mustBe(o.value)}`;
}

/** Why a flag's value is invalid (`--unknown-keys must be one of ...`), or undefined; the first in table order. */
export function flagProblem(values: FlagValues): string | undefined {
  for (const [, o] of OPTION_LIST) {
    const raw = values[o.flag];
    if (o.value.type === "choice" && typeof raw === "string" && !o.value.choices.includes(raw)) {
      return `--${o.flag} must be ${mustBe(o.value)}`;
    }
  }
  return undefined;
}

/** A flag's value as the option's value: paths resolved against the current folder, lists split at commas. */
function fromFlag(value: OptionValue, raw: string | boolean): unknown {
  switch (value.type) {
    case "string":
      return value.path ? resolve(String(raw)) : String(raw);
    case "boolean":
      return raw === true ? true : undefined;
    case "list":
      return String(raw)
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s !== "");
    case "choice":
      return raw;
    default:
      return assertNever(value);
  }
}

function flagsIn(values: FlagValues, scopes: readonly OptionSpec["scope"][]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, o] of OPTION_LIST) {
    const raw = values[o.flag];
    if (!scopes.includes(o.scope) || raw === undefined) continue;
    const value = fromFlag(o.value, raw);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/** The job options given as flags (they override the config file's), in table order; check `flagProblem` first. */
export function jobFlags(values: FlagValues): Partial<JobFields> {
  return flagsIn(values, ["generate", "job"]) as Partial<JobFields>;
}

/** The flags that steer this run (`--check`, `--quiet`, ...); `config` resolved against the current folder. */
export function cliFlags(values: FlagValues): CliFlags {
  return flagsIn(values, ["cli"]) as CliFlags;
}
