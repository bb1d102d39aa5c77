/**
 * The intermediate representation: a small closed union on `kind`. Every stage after `buildIr` reads only
 * this, never the spec. Null is a union member (`primitive` of type `null`), so there is one way to say
 * "nullable". Names are not stored here: `assignNames` decides every identifier.
 */

export type Node =
  | PrimitiveNode
  | DateNode
  | LiteralNode
  | EnumNode
  | ArrayNode
  | TupleNode
  | ObjectNode
  | RecordNode
  | UnionNode
  | IntersectionNode
  | RefNode
  | UnknownNode
  | NeverNode;

/**
 * What validation alone enforces (parse; not the types, mappers or guards): JSON Schema keywords that do not change
 * a value's type or shape. Each holds for values of its own JSON type only (`uniqueItems` for arrays, `minProperties`
 * for objects; `not` and `if` for every value), as JSON Schema says, so a node of any kind may carry them.
 */
export type Assertion =
  /** `not`: the value must not be valid against `node`. */
  | { readonly kind: "not"; readonly node: Node }
  /**
   * `if`/`then`/`else`: valid against `test` (`if`) → must be against `valid` (`then`), else against `invalid`
   * (`else`); absent: anything. (Not named `then`: an object with a `then` is a thenable.)
   */
  | { readonly kind: "if"; readonly test: Node; readonly valid: Node | undefined; readonly invalid: Node | undefined }
  /**
   * A schema without `type` whose keywords describe an object or an array (`{ required: [id] }`, `{ items: ... }`)
   * inside another assertion: values of that JSON type are valid against `node`, every other value is (a shape
   * elsewhere is read as that type, see README).
   */
  | { readonly kind: "ofType"; readonly type: "object" | "array"; readonly node: Node }
  /**
   * `anyOf`/`oneOf` whose members only assert (`anyOf: [{ required: [a] }, { required: [b] }]` beside `properties`:
   * at least one of the keys): valid against at least one of `nodes` (`oneOf` says exactly one, see README).
   */
  | { readonly kind: "anyOf"; readonly nodes: readonly Node[]; readonly oneOf: boolean }
  /** `uniqueItems: true`: no two items of an array are equal as JSON. */
  | { readonly kind: "uniqueItems" }
  /** `contains` with `minContains` (default 1) and `maxContains`: how many items must be valid against `node`. */
  | { readonly kind: "contains"; readonly node: Node; readonly min: number; readonly max: number | undefined }
  /** `minProperties`/`maxProperties`: how many keys an object has. */
  | { readonly kind: "propertyCount"; readonly min: number | undefined; readonly max: number | undefined }
  /** `propertyNames`: every key of an object, as a string, is valid against `node`. */
  | { readonly kind: "propertyNames"; readonly node: Node }
  /** `dependentRequired` (draft4 `dependencies` with a list): when `key` is present, so are `required`. */
  | { readonly kind: "dependentRequired"; readonly key: string; readonly required: readonly string[] }
  /** `dependentSchemas` (draft4 `dependencies` with a schema): `key` present → the object is valid against `node`. */
  | { readonly kind: "dependentSchema"; readonly key: string; readonly node: Node }
  /** `unevaluatedItems`: an array's items none of `evaluated` evaluates hold `node` (`never` for `false`). */
  | { readonly kind: "unevaluatedItems"; readonly node: Node; readonly evaluated: EvaluatedItems }
  /** `unevaluatedProperties`: an object's keys none of `evaluated` evaluates hold `node` (`never` for `false`). */
  | { readonly kind: "unevaluatedProperties"; readonly node: Node; readonly evaluated: Evaluated }
  /**
   * `patternProperties`, with the `additionalProperties` beside it: every key matching a pattern holds that
   * pattern's schema (declared keys too); a key neither declared in `properties` nor matched holds `additional`
   * (absent: anything; `never` for `false`).
   */
  | {
      readonly kind: "patternProperties";
      readonly patterns: readonly { readonly pattern: string; readonly node: Node }[];
      readonly declared: readonly string[];
      readonly additional: Node | undefined;
    };

/**
 * Which keys of an object the keywords beside an `unevaluatedProperties` evaluate, read from the schema: keys
 * `properties` declare and keys matching `patternProperties` (here, in allOf members and `$ref` targets), every key
 * (`all`: `additionalProperties`, or a nested `unevaluatedProperties`), and, in `branches`, what a subschema
 * evaluates only when it applies: an anyOf/oneOf member or `if` the value is valid against, `else` when it is not,
 * a `dependentSchemas` entry whose key is present.
 */
export interface Evaluated {
  readonly keys: readonly string[];
  readonly patterns: readonly string[];
  readonly all: boolean;
  readonly branches: readonly {
    readonly when:
      | { readonly kind: "valid" | "invalid"; readonly node: Node }
      | { readonly kind: "present"; readonly key: string };
    readonly evaluated: Evaluated;
  }[];
}

/**
 * Which items of an array the keywords beside an `unevaluatedItems` evaluate, read from the schema: the first
 * `prefix` (`prefixItems`, the longest of those that apply), every item (`all`: `items`, or a nested
 * `unevaluatedItems`), the items valid against a `contains` schema, and, in `branches`, what an anyOf/oneOf member
 * or `if`/`then`/`else` branch evaluates when it applies (through `$ref` and `allOf` too).
 */
export interface EvaluatedItems {
  readonly prefix: number;
  readonly all: boolean;
  readonly contains: readonly Node[];
  readonly branches: readonly {
    readonly when: Evaluated["branches"][number]["when"];
    readonly evaluated: EvaluatedItems;
  }[];
}

/** Every node may carry assertions (see {@link Assertion}), in the order parse checks them. */
interface Asserted {
  readonly checks?: readonly Assertion[];
}

export type PrimitiveType = "string" | "number" | "integer" | "boolean" | "null";

export interface Constraints {
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly multipleOf?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly minItems?: number;
  readonly maxItems?: number;
}

export interface PrimitiveNode extends Asserted {
  readonly kind: "primitive";
  readonly type: PrimitiveType;
  readonly format?: string;
  readonly constraints?: Constraints;
}

/**
 * An instant, under the `dates: "Date"` option (transform/dates.ts): a `Date` in the model, `wire` on the wire.
 * `rfc3339`: a `format: date-time` string (RFC 3339, written back by `toISOString()`); `unixSeconds`: a
 * `format: unixtime` or `unix-time` integer or number of seconds since 1970. Its `checks` are the wire value's.
 */
export interface DateNode extends Asserted {
  readonly kind: "date";
  readonly encoding: "rfc3339" | "unixSeconds";
  /** The wire value's type and constraints (no assertions: those are the date node's `checks`). */
  readonly wire: PrimitiveNode;
}

/** `const`: any JSON value but null (null is `primitive` `null`). */
export interface LiteralNode extends Asserted {
  readonly kind: "literal";
  readonly value: string | number | boolean | readonly unknown[] | { readonly [key: string]: unknown };
}

/** An enum of two or more values (one value is a `literal`; null is split off into a union). */
export interface EnumNode extends Asserted {
  readonly kind: "enum";
  readonly values: readonly (string | number | boolean)[];
  /** Open (the `openEnums` option, string enums only): any other string is accepted too. */
  readonly open?: boolean;
}

/**
 * Set on an object, record, array or tuple read from keywords without a `type` (`{ properties: ... }`): JSON Schema
 * lets values of every other JSON type through such a schema; the types, mappers and guards read it as that type,
 * and parse does too unless the `strict` option is on (see README).
 */
interface Inferred {
  readonly inferred?: true;
}

export interface ArrayNode extends Asserted, Inferred {
  readonly kind: "array";
  readonly items: Node;
  readonly constraints?: Constraints;
}

/**
 * `prefixItems` (3.1): leading elements, each constraining its position when the array is that long, then `rest`
 * (`items`; absent from the node: no more elements allowed). The first `required` elements must be present
 * (`minItems`, capped at the prefix length): the others are optional (`[A, B?]`). `constraints` holds
 * minItems/maxItems, which count the whole array.
 */
export interface TupleNode extends Asserted, Inferred {
  readonly kind: "tuple";
  readonly items: readonly Node[];
  readonly rest: Node | undefined;
  readonly required: number;
  readonly constraints?: Constraints;
}

export interface Property {
  /** The key exactly as on the wire. */
  readonly key: string;
  readonly node: Node;
  readonly required: boolean;
  readonly doc: Doc;
}

/** An object with known keys; keys are renamed in the model. */
export interface ObjectNode extends Asserted, Inferred {
  readonly kind: "object";
  readonly properties: readonly Property[];
  /** `additionalProperties` beside known properties: extra keys, copied as data. */
  readonly additional: Node | undefined;
  /**
   * `additionalProperties: false` beside `properties` (and no `patternProperties`): a value with a key the object
   * does not declare is invalid, whatever the unknown-keys policy.
   */
  readonly closed?: true;
}

/** `additionalProperties` alone: a map whose keys are data and are never renamed. */
export interface RecordNode extends Asserted, Inferred {
  readonly kind: "record";
  readonly values: Node;
}

export interface Discriminator {
  /** The discriminating property's wire key. */
  readonly property: string;
  /** Which member each discriminator value selects. */
  readonly cases: readonly { readonly value: string; readonly member: number }[];
}

export interface UnionNode extends Asserted {
  readonly kind: "union";
  readonly members: readonly Node[];
  readonly discriminator?: Discriminator;
  /**
   * `oneOf`: a value must be valid against exactly one member (checked under the `strict` option; by default the
   * first valid member is taken, as for `anyOf`).
   */
  readonly exclusive?: true;
}

/** `allOf` whose members could not be merged into one object. */
export interface IntersectionNode extends Asserted {
  readonly kind: "intersection";
  readonly members: readonly Node[];
}

export interface RefNode extends Asserted {
  readonly kind: "ref";
  /** The `id` of a `Decl`. */
  readonly target: string;
}

/**
 * `{}` / `true`: any JSON value. A schema with constraints and no `type` (`{ maxLength: 3 }`) is any value too,
 * but JSON Schema applies each constraint to values of its own type: `when` holds them per type.
 */
export interface UnknownNode extends Asserted {
  readonly kind: "unknown";
  readonly when?: { readonly number?: Constraints; readonly string?: Constraints; readonly array?: Constraints };
}

/** `false`: no value is valid. */
export interface NeverNode extends Asserted {
  readonly kind: "never";
}

export interface Doc {
  readonly title?: string;
  readonly description?: string;
  readonly deprecated?: boolean;
  readonly readOnly?: boolean;
  readonly writeOnly?: boolean;
  /** Present when the spec gives a default (the value may be null). */
  readonly default?: { readonly value: unknown };
  readonly examples?: readonly unknown[];
  /** Where `examples` came from: 3.1 `examples`, 3.0 `example`, or OpenAI's `x-oaiMeta.example` (a JSON text). */
  readonly exampleFrom?: "examples" | "example" | "x-oaiMeta";
  /** An `x-oaiMeta.example` that is not JSON, as written. */
  readonly unreadExample?: string;
  readonly format?: string;
}

/** `operation`: an operation's inline body schema, or the model of its parameters (see {@link Operation}). */
export type DeclSource = "component" | "ref" | "hoisted" | "operation";

/**
 * A named type: a component schema, another ref target, an operation's inline body or parameters, or an inline
 * schema hoisted out of its parent.
 */
export interface Decl {
  /** Stable identity: `file#/json/pointer` of where the schema is written. */
  readonly id: string;
  /** Raw name parts, joined by the naming module: `["FineTuningJob", "error"]`. */
  readonly nameParts: readonly string[];
  readonly node: Node;
  readonly doc: Doc;
  readonly source: DeclSource;
  /** Where it is written, for diagnostics and docs. */
  readonly origin: { readonly file: string; readonly path: readonly string[] };
  /**
   * Found for operations only (their bodies and parameters, and what only those reach, hoisted ones included):
   * named after every declaration that components reach, so that adding operations renames none of those.
   */
  readonly forOperations?: true;
  /**
   * A request variant (transform/read-write.ts): `of` is the id of the declaration it is the writable form of
   * (readOnly properties left out, writeOnly ones kept); that one is the response form.
   */
  readonly variant?: { readonly of: string };
}

export type HttpMethod = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";

export type ParameterLocation = "path" | "query" | "header" | "cookie";

/** A request or response body: its media type and, for a JSON one with a schema, the declaration of that schema. */
export interface OperationBody {
  /** As the spec writes it (`application/json`, `application/vnd.github+json`). */
  readonly contentType: string;
  /** The `id` of a `Decl`: an inline schema's own declaration, or the one its `$ref` names. */
  readonly decl?: string;
  /** A form body's `encoding` (per property: `style`, `explode`, `allowReserved`), as the spec writes it. */
  readonly encoding?: FormEncodings;
  /**
   * A multipart body's file fields (wire names): then `decl` is a declaration of its other fields only, and the
   * files are appended by the caller.
   */
  readonly files?: readonly string[];
}

/** OpenAPI's Encoding Objects of a form body, by property (wire name); only the serialisation fields. */
export type FormEncodings = Readonly<
  Record<string, { readonly style?: string; readonly explode?: boolean; readonly allowReserved?: boolean }>
>;

/**
 * One operation of `paths`. Its parameters are one declaration (an object with a property per parameter, keyed by
 * its wire name) plus `locations`, which says where each property travels; its bodies refer to declarations.
 */
export interface Operation {
  readonly method: HttpMethod;
  /** The path template as the spec writes it (`/fine_tuning/jobs/{fine_tuning_job_id}`). */
  readonly path: string;
  readonly operationId?: string;
  /** Raw name parts, joined by the naming module: `[operationId]`, or the method and the path's segments. */
  readonly nameParts: readonly string[];
  readonly params?: {
    readonly decl: string;
    /** Per property of the declaration's object, in order: its key (the wire name) and location. */
    readonly locations: readonly { readonly key: string; readonly in: ParameterLocation }[];
  };
  readonly requestBody?: OperationBody;
  /** Every status the spec lists (`200`, `2XX`, `default`), in spec order; no `contentType` without content. */
  readonly responses: readonly ({ readonly status: string } & Partial<OperationBody>)[];
  readonly summary?: string;
  readonly deprecated?: boolean;
  /** Its `tags`, for `--include tag:...`. */
  readonly tags?: readonly string[];
  /** The operation object, for diagnostics and docs. */
  readonly origin: { readonly file: string; readonly path: readonly string[] };
}

export interface Ir {
  readonly decls: readonly Decl[];
  /** The operations of `paths`, in spec order (absent: none). */
  readonly operations?: readonly Operation[];
}
