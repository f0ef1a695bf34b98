import assert from "node:assert/strict";
import { flashKey, flashWgsl } from "./_flash_wgsl.ts";
import { chooseFlashTiles } from "./_tiles.ts";
import { hasAdapter } from "./_testing.ts";

const HEAD_DIMS = [32, 64, 80, 96, 128, 256];

Deno.test("generated flash kernels are fully unrolled and keyed by their parameters", () => {
  const tiles = chooseFlashTiles(128, "T48")!;
  const code = flashWgsl({ tiles, rope: { pairing: "half", rotaryDim: 64 }, alibi: true });
  // Only the K/V tile loop, the three tile loads and the pass over a tile
  // whose V had a NaN are loops.
  assert.equal(code.match(/\bfor \(/g)?.length, 5);
  assert.equal(code.match(/workgroupBarrier\(\)/g)?.length, 4);
  assert.match(code, /var<workgroup> Ks: array<vec4<f32>, 1056>/); // 32 keys x (32 + 1 pad) vec4
  const other = flashKey({ tiles, rope: { pairing: "interleaved", rotaryDim: 64 }, alibi: true });
  assert.notEqual(
    flashKey({ tiles, rope: { pairing: "half", rotaryDim: 64 }, alibi: true }),
    other,
  );
});

Deno.test({
  name: "the kernels of every tier compile (T48 included, which this adapter cannot run)",
  ignore: !hasAdapter && Deno.env.get("CI") !== "true",
  async fn() {
    const adapter = await navigator.gpu.requestAdapter();
    assert.ok(adapter, "CI=true but no WebGPU adapter was found");
    const device = await adapter.requestDevice();
    try {
      for (const tier of ["T48", "T32", "T16"] as const) {
        for (const headDim of HEAD_DIMS) {
          const tiles = chooseFlashTiles(headDim, tier)!;
          for (
            const rope of [null, { pairing: "half", rotaryDim: headDim / 2 + 2 }, {
              pairing: "interleaved",
              rotaryDim: headDim,
            }] as const
          ) {
            // Every score feature on with interleaved RoPE.
            const all = rope?.pairing === "interleaved";
            const code = flashWgsl({
              tiles,
              rope,
              alibi: rope !== null,
              softcap: all,
              sinks: all,
              padding: all,
              bias: all,
            });
            const info = await device.createShaderModule({ code }).getCompilationInfo();
            const errors = info.messages.filter((m) => m.type === "error");
            assert.deepEqual(
              errors.map((m) => `${m.lineNum}: ${m.message}`),
              [],
              `${tier} D=${headDim}`,
            );
          }
        }
      }
    } finally {
      device.destroy();
    }
  },
});
