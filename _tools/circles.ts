/**
 * Finds import circles inside each workspace package and fails when there is
 * one, naming its files. A circle counts whether its imports carry values or
 * only types: either way no file of it can be read, changed or moved without
 * the others. Imports across packages are left out (they go through the
 * packages' exports and are one-way by construction).
 *
 * The import graph comes from `deno info --json` over one temporary root that
 * imports every TypeScript file of the package (tests and private helpers
 * included, `testdata/` left out), so a circle among files that no entry
 * point reaches is found too.
 *
 * Usage: `deno run -A _tools/circles.ts` (exit code 1 when a circle exists).
 *
 * @module
 */

import { members } from "./workspace.ts";

/** Each file's imports, both as `file:` URLs or paths (any one spelling per graph). */
export type ImportGraph = Map<string, readonly string[]>;

/** One import circle: the files that import one another, and one loop through them. */
export interface Circle {
  /** Every file of the strongly connected component, sorted. */
  files: string[];
  /** One loop through the first file, ending where it starts (`a -> b -> a`). */
  loop: string[];
}

/**
 * The import circles of a graph: its strongly connected components with more
 * than one file, plus any file that imports itself. Sorted by their first file.
 */
export function findCircles(graph: ImportGraph): Circle[] {
  // Tarjan's algorithm, iterative so a deep chain of imports cannot overflow the stack.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  const edges = (file: string): readonly string[] => graph.get(file) ?? [];

  for (const start of [...graph.keys()].sort()) {
    if (index.has(start)) continue;
    const work: { file: string; next: number }[] = [{ file: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const targets = edges(frame.file);
      if (frame.next < targets.length) {
        const target = targets[frame.next++]!;
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ file: target, next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.file, Math.min(low.get(frame.file)!, index.get(target)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.file, Math.min(low.get(parent.file)!, low.get(frame.file)!));
      if (low.get(frame.file) === index.get(frame.file)) {
        const component: string[] = [];
        let file: string;
        do {
          file = stack.pop()!;
          onStack.delete(file);
          component.push(file);
        } while (file !== frame.file);
        components.push(component);
      }
    }
  }

  const circles: Circle[] = [];
  for (const component of components) {
    const selfImport = component.length === 1 && edges(component[0]!).includes(component[0]!);
    if (component.length < 2 && !selfImport) continue;
    const files = component.sort();
    circles.push({ files, loop: shortestLoop(graph, files[0]!, new Set(files)) });
  }
  return circles.sort((a, b) => a.files[0]!.localeCompare(b.files[0]!));
}

/** The shortest path from `start` back to itself inside one component (breadth first). */
function shortestLoop(graph: ImportGraph, start: string, inside: Set<string>): string[] {
  const cameFrom = new Map<string, string>();
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const file = queue[head]!;
    for (const target of graph.get(file) ?? []) {
      if (!inside.has(target)) continue;
      if (target === start) {
        const loop = [start];
        for (let at = file; at !== start; at = cameFrom.get(at)!) loop.unshift(at);
        loop.unshift(start);
        return loop;
      }
      if (!cameFrom.has(target) && target !== start) {
        cameFrom.set(target, file);
        queue.push(target);
      }
    }
  }
  throw new Error(`shortestLoop: ${start} is on no loop of its component`);
}

/** The shape of `deno info --json` this tool reads. */
export interface DenoInfo {
  modules: {
    specifier: string;
    dependencies?: {
      code?: { specifier?: string };
      type?: { specifier?: string };
    }[];
  }[];
}

/**
 * The import graph of the modules of `deno info --json` whose URL starts with
 * `prefix` (a package folder as a `file:` URL ending in `/`), keyed by their
 * path under it. Value imports and type-only imports both count.
 */
export function packageGraph(info: DenoInfo, prefix: string): ImportGraph {
  const graph: ImportGraph = new Map();
  const local = (url: string | undefined): string | undefined =>
    url?.startsWith(prefix) ? url.slice(prefix.length) : undefined;
  for (const module of info.modules) {
    const file = local(module.specifier);
    if (file === undefined) continue;
    const targets = new Set<string>();
    for (const dependency of module.dependencies ?? []) {
      for (const target of [dependency.code?.specifier, dependency.type?.specifier]) {
        const path = local(target);
        if (path !== undefined) targets.add(path);
      }
    }
    graph.set(file, [...targets].sort());
  }
  return graph;
}

/** How a circle reads in the tool's report. */
export function describeCircle(packageDir: string, circle: Circle): string {
  return `${packageDir}: import circle of ${circle.files.length} file(s): ` +
    `${circle.files.join(", ")}\n    e.g. ${circle.loop.join(" -> ")}`;
}

async function packageFiles(dir: URL): Promise<string[]> {
  const files: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    if (entry.isDirectory && entry.name !== "testdata" && entry.name !== "node_modules") {
      files.push(...await packageFiles(new URL(`${entry.name}/`, dir)));
    } else if (
      entry.isFile && /\.(ts|tsx|mts)$/.test(entry.name) && !entry.name.endsWith(".d.ts")
    ) {
      files.push(new URL(entry.name, dir).href);
    }
  }
  return files.sort();
}

/** The import graph of one package folder, read through `deno info --json`. */
export async function readPackageGraph(dir: URL): Promise<ImportGraph> {
  const temp = await Deno.makeTempDir({ prefix: "posenc-circles-" });
  try {
    const root = `${temp}/root.ts`;
    const imports = (await packageFiles(dir)).map((url) => `import ${JSON.stringify(url)};`);
    await Deno.writeTextFile(root, imports.join("\n") + "\n");
    const output = await new Deno.Command(Deno.execPath(), {
      args: ["info", "--json", root],
      cwd: new URL("../", import.meta.url),
      stdout: "piped",
      stderr: "piped",
    }).output();
    if (!output.success) {
      throw new Error(
        `deno info failed for ${dir.href}: ${new TextDecoder().decode(output.stderr)}`,
      );
    }
    return packageGraph(JSON.parse(new TextDecoder().decode(output.stdout)), dir.href);
  } finally {
    await Deno.remove(temp, { recursive: true });
  }
}

async function main(): Promise<number> {
  const root = new URL("../", import.meta.url);
  let count = 0;
  for (const { dir } of await members()) {
    const graph = await readPackageGraph(new URL(`${dir}/`, root));
    const circles = findCircles(graph);
    for (const circle of circles) console.log(describeCircle(dir, circle));
    if (circles.length === 0) console.log(`${dir}: no import circle (${graph.size} files)`);
    count += circles.length;
  }
  if (count > 0) console.log(`${count} import circle(s)`);
  return count > 0 ? 1 : 0;
}

if (import.meta.main) Deno.exit(await main());
