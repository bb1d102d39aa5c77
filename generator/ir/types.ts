/**
 * The intermediate representation: a small closed union on `kind`. Every stage after `buildIr` reads only
 * this, never the spec. Null is a union member (`primitive` of type `null`), so there is one way to say
 * "nullable". Names are not stored here: `assignNames` decides every identifier.
 */

export type Node =
  | PrimitiveNode
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

export interface PrimitiveNode {
  readonly kind: "primitive";
  readonly type: PrimitiveType;
  readonly format?: string;
  readonly constraints?: Constraints;
}

/** `const`: any JSON value but null (null is `primitive` `null`). */
export interface LiteralNode {
  readonly kind: "literal";
  readonly value: string | number | boolean | readonly unknown[] | { readonly [key: string]: unknown };
}

/** An enum of two or more values (one value is a `literal`; null is split off into a union). */
export interface EnumNode {
  readonly kind: "enum";
  readonly values: readonly (string | number | boolean)[];
  /** Open (the `openEnums` option, string enums only): any other string is accepted too. */
  readonly open?: boolean;
}

export interface ArrayNode {
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
export interface TupleNode {
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
export interface ObjectNode {
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
export interface RecordNode {
  readonly kind: "record";
  readonly values: Node;
}

export interface Discriminator {
  /** The discriminating property's wire key. */
  readonly property: string;
  /** Which member each discriminator value selects. */
  readonly cases: readonly { readonly value: string; readonly member: number }[];
}

export interface UnionNode {
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
export interface IntersectionNode {
  readonly kind: "intersection";
  readonly members: readonly Node[];
}

export interface RefNode {
  readonly kind: "ref";
  /** The `id` of a `Decl`. */
  readonly target: string;
}

/**
 * `{}` / `true`: any JSON value. A schema with constraints and no `type` (`{ maxLength: 3 }`) is any value too,
 * but JSON Schema applies each constraint to values of its own type: `when` holds them per type.
 */
export interface UnknownNode {
  readonly kind: "unknown";
  readonly when?: { readonly number?: Constraints; readonly string?: Constraints; readonly array?: Constraints };
}

/** `false`: no value is valid. */
export interface NeverNode {
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
  readonly format?: string;
}

export type DeclSource = "component" | "ref" | "hoisted";

/** A named type: a component schema, another ref target, or an inline schema hoisted out of its parent. */
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
}

export interface Ir {
  readonly decls: readonly Decl[];
}
