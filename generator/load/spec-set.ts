/** The documents a spec is made of, as read: the root and every file its `$ref`s reach. */
import type { Position } from "../diagnostics.js";

export interface LoadedFile {
  /** Absolute path. */
  readonly path: string;
  readonly text: string;
  readonly format: "json" | "yaml";
  /** The parsed document. Never mutated by any stage. */
  readonly value: unknown;
  /** Line and column of the key (or element) a JSON pointer path names, if it exists. */
  readonly locate: (path: readonly string[]) => Position | undefined;
  /**
   * Set when `value` is not what the file says but a conversion of it (a Swagger 2.0 document read as OpenAPI
   * 3.0): `locate` takes paths into `value` and finds the same place in `text`; `originalPath` maps such a path
   * to the original document's (for the pointers that diagnostics print).
   */
  readonly converted?: {
    readonly from: string;
    readonly by: string;
    readonly originalPath: (path: readonly string[]) => string[];
  };
}

export interface SpecSet {
  /** Absolute path of the root document. */
  readonly root: string;
  /** Every file reachable through `$ref`, the root first, then in discovery order. */
  readonly files: ReadonlyMap<string, LoadedFile>;
}
