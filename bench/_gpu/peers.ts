/**
 * Runs bench/_peers/sdpa.py (PyTorch's scaled_dot_product_attention on the
 * same shapes) when python3 with torch and CUDA exists, and reads its rows.
 *
 * @module
 */

import type { BenchPlan } from "./plan.ts";
import type { PeerRow } from "./results.ts";

/** What the peers run gave. */
export interface PeersOutcome {
  peers: PeerRow[];
  /** Versions and device, or why there are no peers. */
  note: string;
}

/** Parses the script's stdout (one JSON object) into peer rows and a note. */
export function parsePeersOutput(stdout: string): PeersOutcome {
  const parsed = JSON.parse(stdout) as {
    torch?: string;
    cuda?: string;
    device?: string;
    peers?: PeerRow[];
  };
  if (!Array.isArray(parsed.peers)) {
    throw new Error(`Invalid peers output: expected a "peers" array, got ${stdout.slice(0, 200)}`);
  }
  return {
    peers: parsed.peers,
    note: `PyTorch ${parsed.torch} (CUDA ${parsed.cuda}) on ${parsed.device}`,
  };
}

/** Runs the PyTorch peers, or says why not (no python3, no torch, no CUDA, a failure). */
export async function runPeers(plan: BenchPlan, timeoutMs: number): Promise<PeersOutcome> {
  const script = new URL("../_peers/sdpa.py", import.meta.url);
  const spec = JSON.stringify({
    prefill: plan.prefill,
    decode: plan.decode,
    precisions: plan.precisions,
    flushBytes: plan.flushBytes,
  });
  let child;
  try {
    child = new Deno.Command("python3", {
      args: [script.pathname, spec],
      stdout: "piped",
      stderr: "piped",
    }).spawn();
  } catch (error) {
    return { peers: [], note: `no PyTorch peers: python3 could not start (${error})` };
  }
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  const out = await child.output();
  clearTimeout(timer);
  const stderr = new TextDecoder().decode(out.stderr).trim();
  if (!out.success) {
    const why = out.code === 2
      ? stderr.split("\n").at(-1)
      : `sdpa.py failed (exit ${out.code}${out.signal ? `, ${out.signal}` : ""}): ${
        stderr.split("\n").slice(-3).join(" ")
      }`;
    return { peers: [], note: `no PyTorch peers: ${why}` };
  }
  try {
    return parsePeersOutput(new TextDecoder().decode(out.stdout));
  } catch (error) {
    return { peers: [], note: `no PyTorch peers: ${(error as Error).message}` };
  }
}
