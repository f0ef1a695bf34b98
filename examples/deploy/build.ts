/**
 * Bundles the page's code (client/app.ts, the posenc packages it imports and
 * Observable Plot) into static/build/ with `deno bundle`. The output is
 * committed, so the app runs on Deno Deploy with no build step and no CDN.
 *
 * Next to the bundle, `sources.json` records the SHA-256 of every local
 * module the bundle was made from (from `deno info`) and of every output
 * file; bundle_test.ts recomputes them and fails, naming the changed files,
 * when the bundle no longer matches its sources. Hashing sources rather than
 * rebuilding and diffing bytes keeps the check fast and immune to npm
 * publishing a new patch of a transitive d3 module (the repo has no lockfile).
 *
 * Usage (from the repository root):
 *   deno task demo:build              rebuild static/build/
 *   deno task demo:build --check      exit 1 if static/build/ is stale
 *   deno run -A build.ts --if-stale   rebuild only if the sources changed
 *                                     (what `deno task demo` runs: a fresh clone stays clean)
 *
 * attention-gpu is loaded with a dynamic import(), so code splitting puts it
 * in its own chunk that only the attention panel fetches.
 *
 * @module
 */

const here = new URL("./", import.meta.url);
const root = new URL("../../", here);
/** The bundle's entry point. */
export const ENTRY: URL = new URL("client/app.ts", here);
/** Where the committed bundle lives. */
export const OUT_DIR: URL = new URL("static/build/", here);
const MANIFEST = "sources.json";

/** What sources.json holds. */
export interface Manifest {
  readonly note: string;
  /** Local modules in the bundle's graph (paths from the repo root) and their SHA-256. */
  readonly sources: Record<string, string>;
  /** npm packages resolved when the bundle was built. */
  readonly npm: readonly string[];
  /** Output files and their SHA-256. */
  readonly outputs: Record<string, string>;
}

function relative(url: URL): string {
  return decodeURIComponent(url.pathname.slice(root.pathname.length));
}

async function sha256(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

async function deno(args: string[]): Promise<string> {
  const { success, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args,
    cwd: root,
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).output();
  const decoder = new TextDecoder();
  if (!success) throw new Error(`deno ${args[0]} failed:\n${decoder.decode(stderr)}`);
  return decoder.decode(stdout);
}

/** The local modules of the bundle's graph with their hashes, and the npm packages. */
async function graph(): Promise<Pick<Manifest, "sources" | "npm">> {
  const info = JSON.parse(await deno(["info", "--json", relative(ENTRY)])) as {
    modules: { specifier: string; local?: string }[];
    npmPackages?: Record<string, unknown>;
  };
  const sources: Record<string, string> = {};
  const files = info.modules
    .filter((m) => m.specifier.startsWith("file:"))
    .map((m) => new URL(m.specifier))
    .sort((a, b) => a.href.localeCompare(b.href));
  for (const url of files) sources[relative(url)] = await sha256(await Deno.readFile(url));
  return { sources, npm: Object.keys(info.npmPackages ?? {}).sort() };
}

async function outputs(dir: URL): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {};
  const names: string[] = [];
  try {
    for await (const entry of Deno.readDir(dir)) {
      if (entry.isFile && entry.name !== MANIFEST) names.push(entry.name);
    }
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  for (const name of names.sort()) {
    hashes[name] = await sha256(await Deno.readFile(new URL(name, dir)));
  }
  return hashes;
}

/**
 * Runs `deno bundle` into static/build/ (emptied first) and writes sources.json.
 *
 * @returns The manifest written.
 * @throws {Error} With the bundler's output if it fails.
 */
export async function bundle(): Promise<Manifest> {
  await Deno.remove(OUT_DIR, { recursive: true }).catch((e) => {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  });
  // Paths in the bundle's comments are relative to the working directory:
  // run from the root so every machine produces the same bytes.
  await deno([
    "bundle",
    "--platform=browser",
    "--format=esm",
    "--minify",
    "--code-splitting",
    `--outdir=${relative(OUT_DIR)}`,
    relative(ENTRY),
  ]);
  const manifest: Manifest = {
    note: "Written by `deno task demo:build`; checked by examples/deploy/bundle_test.ts",
    ...await graph(),
    outputs: await outputs(OUT_DIR),
  };
  await Deno.writeTextFile(new URL(MANIFEST, OUT_DIR), JSON.stringify(manifest, null, 2) + "\n");
  return manifest;
}

function differences(expected: Record<string, string>, actual: Record<string, string>): string[] {
  const names = new Set([...Object.keys(expected), ...Object.keys(actual)]);
  return [...names].filter((name) => expected[name] !== actual[name]).sort();
}

/**
 * Compares static/build/ with the current sources, without rebuilding.
 *
 * @returns Sources changed, added or removed since the build, and output
 *   files that do not match what the build wrote (empty when fresh).
 */
export async function staleFiles(): Promise<string[]> {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(await Deno.readTextFile(new URL(MANIFEST, OUT_DIR)));
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return [relative(new URL(MANIFEST, OUT_DIR))];
    throw e;
  }
  const { sources } = await graph();
  return [
    ...differences(manifest.sources, sources),
    ...differences(manifest.outputs, await outputs(OUT_DIR)).map((name) =>
      relative(new URL(name, OUT_DIR))
    ),
  ];
}

if (import.meta.main) {
  if (Deno.args.includes("--check")) {
    const stale = await staleFiles();
    if (stale.length > 0) {
      console.error(
        `static/build/ is stale (changed: ${stale.join(", ")}): run \`deno task demo:build\``,
      );
      Deno.exit(1);
    }
    console.log("static/build/ matches its sources");
  } else if (Deno.args.includes("--if-stale") && (await staleFiles()).length === 0) {
    console.log("static/build/ matches its sources: not rebuilt");
  } else {
    const manifest = await bundle();
    console.log(
      `bundled ${
        Object.keys(manifest.sources).length
      } local modules and ${manifest.npm.length} npm packages into ${relative(OUT_DIR)}: ${
        Object.keys(manifest.outputs).join(", ")
      }`,
    );
  }
}
