/**
 * What every answer of the demo gets on its way out: an ETag (so a reload
 * revalidates with a 304 instead of a download), gzip when the client accepts
 * it (the page bundle shrinks to a third, API answers more), and, for HEAD, the
 * headers GET would send with the length of the body it would carry.
 *
 * Zero dependencies: the Web's CompressionStream and crypto.subtle, which Deno
 * and Deno Deploy both have.
 *
 * @module
 */

/** Bodies shorter than this are sent as they are: gzip's header would eat the gain. */
export const MIN_COMPRESS_BYTES = 1024;

const COMPRESSIBLE = /^(text\/|application\/json|image\/svg\+xml)/;

async function hash(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest.subarray(0, 16), (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Gzipped bodies by content hash: the page's files are the same on every
 * load, so each is compressed once per process. Bounded in entries and bytes.
 */
const GZIP_CACHE = new Map<string, Uint8Array<ArrayBuffer>>();
const GZIP_CACHE_ENTRIES = 64;
const GZIP_CACHE_MAX_BODY = 1 << 20;

async function gzip(bytes: Uint8Array<ArrayBuffer>, key: string): Promise<Uint8Array<ArrayBuffer>> {
  const cached = GZIP_CACHE.get(key);
  if (cached !== undefined) return cached;
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream("gzip"));
  const packed = new Uint8Array(await new Response(stream).arrayBuffer());
  if (bytes.byteLength <= GZIP_CACHE_MAX_BODY) {
    // Oldest first out: a Map iterates in insertion order.
    if (GZIP_CACHE.size >= GZIP_CACHE_ENTRIES) GZIP_CACHE.delete(GZIP_CACHE.keys().next().value!);
    GZIP_CACHE.set(key, packed);
  }
  return packed;
}

/** Whether an Accept-Encoding header allows gzip (and does not refuse it with q=0). */
export function acceptsGzip(header: string | null): boolean {
  if (header === null) return false;
  for (const part of header.split(",")) {
    const [coding = "", ...params] = part.trim().toLowerCase().split(";");
    if (coding.trim() !== "gzip" && coding.trim() !== "*") continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return q === undefined || Number(q.slice(2)) > 0;
  }
  return false;
}

/** Whether an If-None-Match header names `etag` (weak comparison, as RFC 9110 asks for GET). */
function matches(header: string | null, etag: string): boolean {
  if (header === null) return false;
  if (header.trim() === "*") return true;
  const bare = (tag: string) => tag.trim().replace(/^W\//, "");
  return header.split(",").some((tag) => bare(tag) === bare(etag));
}

/**
 * Adds ETag, 304, gzip and HEAD's content-length to a 200 answer of a GET or
 * HEAD request; anything else passes through (with its body length set).
 *
 * @param request The request answered.
 * @param response The answer, with its full body.
 * @returns The answer to send.
 */
export async function negotiate(request: Request, response: Response): Promise<Response> {
  const head = request.method === "HEAD";
  if ((request.method !== "GET" && !head) || response.body === null) return response;
  const bytes = new Uint8Array(await response.arrayBuffer());
  const headers = new Headers(response.headers);
  let body = bytes;
  if (response.status === 200) {
    const type = headers.get("content-type") ?? "";
    const compress = COMPRESSIBLE.test(type) && bytes.byteLength >= MIN_COMPRESS_BYTES;
    const etag = `"${await hash(bytes)}"`;
    if (compress) headers.append("vary", "accept-encoding");
    const gzipped = compress && acceptsGzip(request.headers.get("accept-encoding"));
    // One ETag per representation: the gzipped bytes are another entity than the plain ones.
    headers.set("etag", gzipped ? etag.replace(/"$/, '-gzip"') : etag);
    if (matches(request.headers.get("if-none-match"), headers.get("etag")!)) {
      headers.delete("content-type");
      return new Response(null, { status: 304, headers });
    }
    if (gzipped) {
      body = await gzip(bytes, etag);
      headers.set("content-encoding", "gzip");
    }
  }
  headers.set("content-length", String(body.byteLength));
  return new Response(head ? null : body, {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}
