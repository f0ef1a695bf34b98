/**
 * Starts the posenc demo: `deno task demo` locally (http://localhost:8000, or
 * the port in the PORT environment variable), and the entry point on Deno
 * Deploy, which routes requests to `Deno.serve` whatever port it names.
 *
 * @module
 */

import { createHandler } from "./server.ts";

const raw = Deno.env.get("PORT") ?? "8000";
const port = Number(raw);
if (!/^\d+$/.test(raw) || port > 65535) {
  console.error(`Invalid PORT: expected an integer in [0, 65535], got ${JSON.stringify(raw)}`);
  Deno.exit(2);
}
Deno.serve({ port }, createHandler());
