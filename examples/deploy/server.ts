/**
 * The demo's request handler: the page and its assets from `static/`, and a
 * JSON API that computes each panel's numbers with the posenc packages.
 *
 * It runs unchanged on Deno Deploy, which has no WebGPU: nothing here touches
 * a GPU global, and attention-gpu (used only for its CPU reference) is
 * imported on the first attention request, never at module load.
 *
 * Routes
 * - `GET /` and `GET /<file>`: the files of `static/` (nothing outside it).
 * - `GET /api/limits`: every panel's parameters with their bounds.
 * - `GET /api/<panel>?<params>`: a panel's data as JSON (sinusoidal, rope,
 *   alibi, relative, scaling, attention). Out-of-range or malformed parameters answer
 *   400 with `{ "error": "Invalid length: expected ..." }`.
 * - `POST /api/config?targetLength=N`: a model's config.json in the body
 *   (at most 64 KiB, its dims and lengths within the panels' bounds) read by
 *   @posenc/scaling's ropeFromConfig.
 *
 * Every GET and HEAD answer gets an ETag (304 on a match), gzip when accepted,
 * and HEAD the content-length GET would send (http_cache.ts).
 *
 * @module
 */

import { computePanel } from "./lib/compute.ts";
import { computeConfig } from "./lib/scaling.ts";
import {
  CONFIG,
  type PanelName,
  type PanelValues,
  parsePanel,
  parseParams,
  SCHEMAS,
} from "./lib/params.ts";
import { negotiate } from "./http_cache.ts";
import { StaticFiles } from "./static_files.ts";

/** Options for {@linkcode createHandler}. */
export interface HandlerOptions {
  /**
   * The folder served at `/`.
   *
   * @default {new URL("./static/", import.meta.url)}
   */
  staticRoot?: URL;
}

/** The largest config.json body accepted (real configs are a few KiB). */
export const MAX_CONFIG_BYTES = 65536;

const SECURITY_HEADERS = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  // Plot styles its SVG inline and draws rasters as data: images; @posenc/rope
  // compiles its WebAssembly SIMD kernel from bytes.
  "content-security-policy":
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
};

function json(body: unknown, status = 200): Response {
  // JSON has no Infinity: masked ALiBi entries (-Infinity) travel as null.
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-cache" },
  });
}

function error(status: number, message: string, headers: Record<string, string> = {}): Response {
  const response = json({ error: message }, status);
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

function withSecurityHeaders(response: Response): Response {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
    if (!response.headers.has(name)) response.headers.set(name, value);
  }
  return response;
}

function isPanel(name: string): name is PanelName {
  return Object.hasOwn(SCHEMAS, name);
}

/** A user's mistake (bad parameter, bad config): answered with 400 and its message. */
function isInputError(e: unknown): e is Error {
  return e instanceof TypeError || e instanceof RangeError || e instanceof SyntaxError ||
    (e instanceof Error && e.name === "Error");
}

async function api(request: Request, url: URL): Promise<Response> {
  const route = url.pathname.slice("/api/".length);
  if (route === "config") {
    if (request.method !== "POST") {
      return error(405, "Use POST with a config.json body", { allow: "POST" });
    }
    return await config(request, url);
  }
  if (request.method !== "GET" && request.method !== "HEAD") {
    return error(405, `Use GET for /api/${route}`, { allow: "GET, HEAD" });
  }
  if (route === "limits") return json(SCHEMAS);
  if (!isPanel(route)) {
    return error(
      404,
      `No API route /api/${route}: try /api/limits, /api/${
        Object.keys(SCHEMAS).join(", /api/")
      } or POST /api/config`,
    );
  }
  let values: PanelValues<PanelName>;
  try {
    values = parsePanel(route, url.searchParams);
  } catch (e) {
    if (isInputError(e)) return error(400, e.message);
    throw e;
  }
  try {
    return json({ panel: route, params: values, ...await computePanel(route, values) as object });
  } catch (e) {
    // The packages refuse some combinations the schema allows (NTK-aware scaling needs a
    // rotary dim >= 4): their message is the answer.
    if (isInputError(e)) return error(400, e.message);
    throw e;
  }
}

async function config(request: Request, url: URL): Promise<Response> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_CONFIG_BYTES) {
    return error(413, `config.json too large: at most ${MAX_CONFIG_BYTES} bytes`);
  }
  const body = await readLimited(request, MAX_CONFIG_BYTES);
  if (body === null) return error(413, `config.json too large: at most ${MAX_CONFIG_BYTES} bytes`);
  try {
    const { targetLength } = parseParams(CONFIG, url.searchParams);
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch (e) {
      throw new SyntaxError(`config.json is not valid JSON: ${(e as Error).message}`);
    }
    return json(computeConfig(parsed, targetLength));
  } catch (e) {
    if (isInputError(e)) return error(400, e.message);
    throw e;
  }
}

/** Reads a body as text, or null once it passes `limit` bytes (a chunked upload has no length). */
async function readLimited(request: Request, limit: number): Promise<string | null> {
  if (request.body === null) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of request.body) {
    size += chunk.byteLength;
    if (size > limit) return null;
    chunks.push(chunk);
  }
  const all = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(all);
}

/**
 * Creates the demo's request handler.
 *
 * @param options Where the static files are.
 * @returns A handler for `Deno.serve`.
 */
export function createHandler(
  options: HandlerOptions = {},
): (request: Request) => Promise<Response> {
  const files = new StaticFiles(options.staticRoot ?? new URL("./static/", import.meta.url));
  return async (request) => {
    const url = new URL(request.url);
    try {
      if (url.pathname.startsWith("/api/")) {
        return withSecurityHeaders(await negotiate(request, await api(request, url)));
      }
      if (request.method !== "GET" && request.method !== "HEAD") {
        return withSecurityHeaders(
          error(405, "Static files answer GET and HEAD only", { allow: "GET, HEAD" }),
        );
      }
      const response = await files.respond(url.pathname);
      return withSecurityHeaders(
        await negotiate(
          request,
          response ?? new Response("Not found\n", {
            status: 404,
            headers: { "content-type": "text/plain; charset=utf-8" },
          }),
        ),
      );
    } catch (e) {
      // A bug, not bad input: keep the details in the log, give the client a short line.
      console.error(e);
      return withSecurityHeaders(error(500, "Internal error: the computation failed"));
    }
  };
}
