/**
 * Reads the workspace: its members and each member's exported entry points,
 * so tools never keep a second list that could drift from deno.json.
 *
 * @module
 */

const root = new URL("../", import.meta.url);

interface MemberConfig {
  name: string;
  version: string;
  exports: string | Record<string, string>;
}

/** A workspace member: its folder (relative to the root) and its deno.json. */
export interface Member {
  dir: string;
  config: MemberConfig;
}

/** The members listed in the root deno.json, in order. */
export async function members(): Promise<Member[]> {
  const rootConfig = JSON.parse(await Deno.readTextFile(new URL("deno.json", root)));
  const list: string[] = rootConfig.workspace ?? [];
  return await Promise.all(list.map(async (dir) => {
    const config = JSON.parse(await Deno.readTextFile(new URL(`${dir}/deno.json`, root)));
    return { dir: dir.replace(/^\.\//, ""), config };
  }));
}

/** Every exported module of every member, as paths relative to the root. */
export async function entryPoints(): Promise<string[]> {
  const files: string[] = [];
  for (const { dir, config } of await members()) {
    const exports = typeof config.exports === "string" ? { ".": config.exports } : config.exports;
    for (const file of Object.values(exports)) files.push(`${dir}/${file.replace(/^\.\//, "")}`);
  }
  return files;
}
