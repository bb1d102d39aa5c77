/**
 * The names `templates/runtime.ts` exports, derived from that file's types: a generated module's imports are a
 * `Set<RuntimeName>`, so a misspelt helper is a compile error, and so is a helper added to the runtime and not
 * listed here (the table is a `Record` over every export).
 */
import type { WriterFunction } from "ts-morph";
import type * as Runtime from "../../templates/runtime.js";

/** The runtime's types (erased): imported with `import type`. */
type RuntimeType =
  | "IssueDraft"
  | "IssuesAside"
  | "SafeParseResult"
  | "ParseIssue"
  | "PathSegment"
  | "ParseWorker"
  | "StandardSchemaV1"
  | "StandardSchemaProps"
  | "StandardSchemaOptions"
  | "StandardSchemaResult"
  | "StandardSchemaIssue"
  | "StandardSchemaTypes"
  | "FormEncoding"
  | "FormEncodings";

/** Compile-time proof that each listed type is one the runtime exports. */
export type RuntimeTypesExist = [
  Runtime.IssueDraft,
  Runtime.IssuesAside,
  Runtime.SafeParseResult<unknown>,
  Runtime.ParseIssue,
  Runtime.PathSegment,
  Runtime.ParseWorker,
  Runtime.StandardSchemaV1,
  Runtime.StandardSchemaProps,
  Runtime.StandardSchemaOptions,
  Runtime.StandardSchemaResult<unknown>,
  Runtime.StandardSchemaIssue,
  Runtime.StandardSchemaTypes,
  Runtime.FormEncoding,
  Runtime.FormEncodings,
];
export type RuntimeName = keyof typeof Runtime | RuntimeType;

/** Every runtime export and whether it is a type (imported with `import type`) or a value. */
export const RUNTIME: Readonly<Record<RuntimeName, "type" | "value">> = {
  mapRecord: "value",
  isPlainObject: "value",
  setOwn: "value",
  hasKey: "value",
  fieldOf: "value",
  rankMembers: "value",
  pickMember: "value",
  omitKeys: "value",
  ParseIssue: "type",
  SafeParseResult: "type",
  ParseError: "value",
  PathSegment: "type",
  IssueDraft: "type",
  IssuesAside: "type",
  setAsideIssues: "value",
  keepFewestIssues: "value",
  restoreIssues: "value",
  addIssue: "value",
  nestIssues: "value",
  toParseIssues: "value",
  formatPath: "value",
  describeValue: "value",
  codePointLength: "value",
  isMultipleOf: "value",
  jsonEquals: "value",
  allUnique: "value",
  everyValue: "value",
  exactlyOne: "value",
  isListedString: "value",
  hasOnlyKeys: "value",
  ParseWorker: "type",
  runParse: "value",
  runSafeParse: "value",
  StandardSchemaV1: "type",
  StandardSchemaProps: "type",
  StandardSchemaOptions: "type",
  StandardSchemaResult: "type",
  StandardSchemaIssue: "type",
  StandardSchemaTypes: "type",
  standardValidate: "value",
  FormEncoding: "type",
  FormEncodings: "type",
  readDateTime: "value",
  isDateTime: "value",
  isValidDate: "value",
  dateFromWire: "value",
  dateFromUnix: "value",
  unixSeconds: "value",
  unixSecondsExact: "value",
  MAX_UNIX_SECONDS: "value",
  formFields: "value",
  encodeForm: "value",
};

/** The runtime helpers a generated module calls, collected while its statements are built. */
export type Uses = Set<RuntimeName>;

/**
 * What an emitter returns: its statements, the runtime helpers they call, and what the module's functions have in
 * common, said once at its top (each function's own doc comment is one line: it is repeated per declaration).
 */
export interface Module {
  readonly statements: readonly WriterFunction[];
  readonly imports: ReadonlySet<RuntimeName>;
  readonly about: string;
}
