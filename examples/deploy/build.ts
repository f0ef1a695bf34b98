/**
 * Bundles the page's code (client/app.ts, the posenc packages it imports and
 * Observable Plot) into static/build/ with `deno bundle`. The output is
 * committed, so the app runs on Deno Deploy with no build step and no CDN;
 * bundle_test.ts fails when it no longer matches the sources.
 *
 * Usage (from the repository root):
 *   deno task demo:build           rebuild static/build/
 *   deno task demo:build --check   exit 1 if static/build/ is stale
 *
 * attention-gpu is loaded with a dynamic import(), so code splitting puts it
 * in its own chunk that only the attention panel fetches.
 *
 * @module
 */

const here = new URL("./", import.meta.url);
const root = new URL("../../", here);
/** The bundle's entry point. */
export const ENTRY = new URL("client/app.ts", here);
/** Where the committed bundle lives. */
export const OUT_DIR = new URL("static/build/", here);

function relative(url: URL): string {
  return decodeURIComponent(url.pathname.slice(root.pathname.length));
}

/**
 * Runs `deno bundle` into a folder (emptied first).
 *
 * @param outDir The folder.
 * @throws {Error} With the bundler's output if it fails.
 */
export async function bundle(outDir: URL = OUT_DIR): Promise<void> {
  await Deno.remove(outDir, { recursive: true }).catch((e) => {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  });
  // Paths in the bundle's comments are relative to the working directory:
  // run from the root so every machine produces the same bytes.
  const { success, stderr } = await new Deno.Command(Deno.execPath(), {
    args: [
      "bundle",
      "--platform=browser",
      "--format=esm",
      "--minify",
      "--code-splitting",
      `--outdir=${outDir.protocol === "file:" ? decodeURIComponent(outDir.pathname) : outDir}`,
      relative(ENTRY),
    ],
    cwd: root,
    stdout: "null",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).output();
  if (!success) throw new Error(`deno bundle failed:\n${new TextDecoder().decode(stderr)}`);
}

async function readTree(dir: URL): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  try {
    for await (const entry of Deno.readDir(dir)) {
      if (entry.isFile) files.set(entry.name, await Deno.readFile(new URL(entry.name, dir)));
    }
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  return files;
}

/**
 * Rebuilds into a temporary folder and compares with static/build/.
 *
 * @returns The names of files that differ, are missing or are extra (empty when fresh).
 */
export async function staleFiles(): Promise<string[]> {
  const temp = await Deno.makeTempDir({ prefix: "posenc-bundle-" });
  try {
    const fresh = new URL(`file://${temp}/`);
    await bundle(fresh);
    const [expected, actual] = await Promise.all([readTree(fresh), readTree(OUT_DIR)]);
    const names = new Set([...expected.keys(), ...actual.keys()]);
    return [...names].filter((name) => {
      const a = expected.get(name);
      const b = actual.get(name);
      return a === undefined || b === undefined || a.length !== b.length ||
        a.some((byte, i) => byte !== b[i]);
    }).sort();
  } finally {
    await Deno.remove(temp, { recursive: true });
  }
}

if (import.meta.main) {
  if (Deno.args.includes("--check")) {
    const stale = await staleFiles();
    if (stale.length > 0) {
      console.error(`static/build/ is stale (${stale.join(", ")}): run \`deno task demo:build\``);
      Deno.exit(1);
    }
    console.log("static/build/ matches the sources");
  } else {
    await bundle();
    const names = [...(await readTree(OUT_DIR)).keys()].sort();
    console.log(`bundled ${relative(ENTRY)} into ${relative(OUT_DIR)}: ${names.join(", ")}`);
  }
}
