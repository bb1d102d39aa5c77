// One typed helper between openapi-fetch and wirecase's `operations` table: `call(client, op, input)` maps the
// camelCase parameters and body to the wire (`op.params.toWire`, `op.requestBody.toWire`), sends them with
// `client.GET` / `client.POST`, and parses the response body for its status (`op.responses[status].parse`).
//
// The types do the checking: an entry is accepted only when, for its own path, openapi-typescript's `paths` takes
// what its `params.toWire` and `requestBody.toWire` return, and the result is a union by status of the models.
// Inside, openapi-fetch's per-path generics cannot be followed through a generic entry, so the call is cast once.
import type { Client } from "openapi-fetch";

type Parse = (json: unknown) => unknown;

/** What the helper reads of an entry of `operations`. */
interface Entry {
  readonly method: "get" | "post";
  readonly path: string;
  readonly params?: { readonly toWire: (params: never) => unknown };
  readonly requestBody?: { readonly contentType: string; readonly toWire?: (model: never) => unknown };
  readonly responses: { readonly [status: string]: { readonly parse?: Parse } };
}

/** openapi-typescript's operation object for `method` of `path`; never when the path has no such method. */
type OperationOf<Paths, P, M extends string> = P extends keyof Paths
  ? Paths[P] extends { readonly [K in M]: infer O }
    ? O
    : never
  : never;
type WireParams<O> = O extends { readonly parameters: infer X } ? X : never;
type WireBody<O> =
  NonNullable<O extends { readonly requestBody?: infer B } ? B : never> extends { readonly content: infer C }
    ? C[keyof C]
    : never;

/**
 * The entries `call` accepts for a client of `Paths`: one shape per path and method, whose `toWire` functions
 * return what openapi-fetch takes there (a mismatch is a type error at the call).
 */
export type EntryFor<Paths> = {
  [P in keyof Paths & string]: {
    [M in Entry["method"]]: [OperationOf<Paths, P, M>] extends [never]
      ? never
      : {
          readonly method: M;
          readonly path: P;
          readonly params?: { readonly toWire: (params: never) => WireParams<OperationOf<Paths, P, M>> };
          readonly requestBody?: {
            readonly contentType: string;
            readonly toWire?: (model: never) => WireBody<OperationOf<Paths, P, M>>;
          };
          readonly responses: Entry["responses"];
        };
  }[Entry["method"]];
}[keyof Paths & string];

/** `{ params }` when the operation has parameters, `{ body }` when it has a JSON body: both camelCase models. */
export type Input<Op> = (Op extends { readonly params: { readonly toWire: (params: infer P) => unknown } }
  ? { readonly params: P }
  : unknown) &
  (Op extends { readonly requestBody: { readonly toWire: (model: infer B) => unknown } }
    ? { readonly body: B }
    : unknown);

/** One member per status the spec lists: its key (`200`, `2XX`, `default`) and its parsed model. */
export type Result<Op extends Entry> = {
  [S in keyof Op["responses"] & string]: {
    readonly status: S;
    readonly body: Op["responses"][S] extends { readonly parse: (json: unknown) => infer M } ? M : undefined;
    readonly response: Response;
  };
}[keyof Op["responses"] & string];

/** The spec's key for an HTTP status: the status itself, else its range (`4XX`), else `default`. */
export function statusKey(responses: Entry["responses"], status: number): string | undefined {
  const exact = String(status);
  const range = `${exact.charAt(0)}XX`;
  return [exact, range, range.toLowerCase(), "default"].find((key) => Object.hasOwn(responses, key));
}

/**
 * Sends `op` through openapi-fetch: parameters and body mapped to the wire, the response body (openapi-fetch's
 * `data`, or `error` for a non-2xx status) parsed by the entry of its status. Throws when the spec lists no
 * entry for the status, or (ParseError) when the body does not match its schema.
 */
export async function call<Paths extends {}, Op extends EntryFor<Paths> & Entry>(
  client: Client<Paths>,
  op: Op,
  input: Input<Op>,
): Promise<Result<Op>> {
  const given = input as { readonly params?: never; readonly body?: never };
  const init = {
    params: op.params === undefined ? {} : op.params.toWire(given.params as never),
    ...(op.requestBody?.toWire === undefined ? {} : { body: op.requestBody.toWire(given.body as never) }),
  };
  type Send = (path: string, init: object) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
  const send = (op.method === "get" ? client.GET : client.POST) as unknown as Send;
  const { data, error, response } = await send(op.path, init);
  const status = statusKey(op.responses, response.status);
  if (status === undefined)
    throw new Error(`${op.method.toUpperCase()} ${op.path}: HTTP ${response.status} is not in the spec`);
  const parse = op.responses[status]?.parse;
  const body = parse === undefined ? undefined : parse(response.ok ? data : error);
  return { status, body, response } as Result<Op>;
}
