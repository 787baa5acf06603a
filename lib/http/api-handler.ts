import { toErrorResponse } from "./errors";

/**
 * The steps of one API endpoint, run in this order (dub's `withWorkspace`, umami's
 * parse → permit → call, with permission first: nobody without it makes the server read a body or
 * store an upload).
 */
export interface HandlerSteps<Ctx, Params extends (string | null)[], Caller, Input> {
  /** Who may call: an operator's role, a same-origin write. Throws ApiError (401, 403, 415). */
  permit?: (ctx: Ctx, request: Request) => Promise<Caller> | Caller;
  /** The request's input (body, query, path parameters) read against the endpoint's zod schema. */
  parse?: (request: Request, params: Params, caller: Caller) => Promise<Input> | Input;
  /** Calls the named domain function and builds the answer from its result. */
  call: (ctx: Ctx, input: Input, caller: Caller, request: Request) => Promise<Response>;
  /** Headers every answer carries, error answers included (the public API's CORS header). */
  headers?: Record<string, string>;
}

/**
 * One API handler from its steps: `(ctx, request, ...pathParams) => Response`. Whatever a step
 * throws is answered by toErrorResponse (ApiError, ZodError 400, rate limit 429, database codes),
 * so no handler catches errors itself.
 */
export function apiHandler<Ctx, Params extends (string | null)[] = [], Caller = undefined, Input = undefined>(
  steps: HandlerSteps<Ctx, Params, Caller, Input>,
): (ctx: Ctx, request: Request, ...params: Params) => Promise<Response> {
  return async (ctx, request, ...params) => {
    let response: Response;
    try {
      const caller = (await steps.permit?.(ctx, request)) as Caller;
      const input = (await steps.parse?.(request, params, caller)) as Input;
      response = await steps.call(ctx, input, caller, request);
    } catch (error) {
      response = toErrorResponse(error);
    }
    for (const [name, value] of Object.entries(steps.headers ?? {})) response.headers.set(name, value);
    return response;
  };
}
