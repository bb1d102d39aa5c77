/** The few options a generation takes. Each is read by exactly one stage. */

/**
 * What happens to keys present on the wire but not in the spec:
 * - `strip` (default): guards and parse accept them, mappers and parse drop them;
 * - `keep`: accepted, and copied through the mappers and parse untouched (not renamed);
 * - `reject`: guards and parse refuse them (mappers, which trust their input's type, drop them).
 */
export type UnknownKeys = "strip" | "keep" | "reject";

export interface GenerateOptions {
  /** Path of the OpenAPI document (YAML or JSON). */
  readonly input: string;
  /** Component schema names (with `*` wildcards) to generate, with everything they reference. Default: all. */
  readonly include?: readonly string[] | undefined;
  /** Component schema names (with `*` wildcards) to leave out unless a kept schema needs them. */
  readonly exclude?: readonly string[] | undefined;
  readonly unknownKeys?: UnknownKeys | undefined;
  /**
   * Open enums: a string enum also accepts values it does not list (typed `Known | (string & {})`), so a
   * server adding a value does not break parsing. Default false.
   */
  readonly openEnums?: boolean | undefined;
}

export const UNKNOWN_KEYS: readonly UnknownKeys[] = ["strip", "keep", "reject"];
