/**
 * Starts the posenc demo: `deno task demo` locally (http://localhost:8000; the
 * PORT and HOST environment variables change the port and the interface), and
 * the entry point on Deno Deploy, which routes requests to `Deno.serve`
 * whatever port it names.
 *
 * It listens on localhost by default: the demo is a local tool, and a laptop on
 * a shared network should not serve it to everyone. `HOST=0.0.0.0` serves
 * other machines (a container, a LAN). The variable is HOST rather than
 * HOSTNAME because shells and containers set HOSTNAME to the machine's name.
 *
 * @module
 */

import { createHandler } from "./server.ts";

const rawPort = Deno.env.get("PORT") ?? "8000";
const port = Number(rawPort);
if (!/^\d+$/.test(rawPort) || port > 65535) {
  console.error(`Invalid PORT: expected an integer in [0, 65535], got ${JSON.stringify(rawPort)}`);
  Deno.exit(2);
}
// Deno Deploy routes outside traffic to the app itself: binding localhost there could
// shut it out, so on Deploy (all env access granted, DENO_DEPLOYMENT_ID set) its default stays.
const onDeploy =
  Deno.permissions.querySync({ name: "env", variable: "DENO_DEPLOYMENT_ID" }).state ===
    "granted" && Deno.env.get("DENO_DEPLOYMENT_ID") !== undefined;
const hostname = Deno.env.get("HOST") || (onDeploy ? "0.0.0.0" : "localhost");

try {
  Deno.serve({ port, hostname }, createHandler());
} catch (e) {
  if (e instanceof Deno.errors.AddrInUse) {
    console.error(
      `Port ${port} on ${hostname} is already in use (another demo still running?): stop it, or pick another port, e.g. PORT=8001 deno task demo`,
    );
    Deno.exit(1);
  }
  if (e instanceof Deno.errors.AddrNotAvailable || e instanceof Deno.errors.NotFound) {
    console.error(`Cannot listen on HOST=${hostname}: no such interface or name on this machine`);
    Deno.exit(1);
  }
  throw e;
}
