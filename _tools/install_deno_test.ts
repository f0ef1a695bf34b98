import assert from "node:assert/strict";

const script = new URL("../.ci/install_deno.sh", import.meta.url);

async function hasNpm(): Promise<boolean> {
  try {
    return (await new Deno.Command("npm", { args: ["--version"], stdout: "null" }).output())
      .success;
  } catch {
    return false;
  }
}

const npm = await hasNpm();
const inCi = Deno.env.get("CI") === "true";
if (!npm && !inCi) console.warn("install_deno_test.ts: no `npm` on PATH: skipped");

Deno.test({
  name: ".ci/install_deno.sh installs Deno into its own prefix, quietly",
  // Without npm there is nothing to test, except in CI, which installs Deno this way.
  ignore: !npm && !inCi,
  // npm needs a registry, as the rest of the tests (npm: imports) do.
  async fn() {
    const prefix = await Deno.makeTempDir({ prefix: "posenc-deno-" });
    const run = async () => {
      const { code, stdout, stderr } = await new Deno.Command("bash", {
        args: [script.pathname, "2.9.6", prefix],
      }).output();
      return { code, out: new TextDecoder().decode(stdout), err: new TextDecoder().decode(stderr) };
    };
    try {
      const first = await run();
      assert.equal(first.code, 0, first.err);
      // One line, the folder for PATH: no "npm warn install-scripts", no notices.
      assert.equal(first.out, `${prefix}/bin\n`);
      assert.equal(first.err, "");
      const version = await new Deno.Command(`${prefix}/bin/deno`, { args: ["--version"] })
        .output();
      assert.match(new TextDecoder().decode(version.stdout), /^deno 2\.9\.6 /);
      // A second run finds it and does nothing.
      const second = await run();
      assert.deepEqual(second, first);
    } finally {
      await Deno.remove(prefix, { recursive: true });
    }
  },
});

Deno.test(".ci/run never installs Deno globally", async () => {
  const run = await Deno.readTextFile(new URL("../.ci/run", import.meta.url));
  assert.doesNotMatch(run, /npm install (-g|--global)|\/usr\/(local\/)?bin\/deno/);
  assert.match(run, /\.ci\/install_deno\.sh "\$deno_version" "\$deno_prefix"/);
});
