import assert from "node:assert/strict";
import {
  chooseKeysTiles,
  KEYS_MAX_PER_SPLIT,
  KEYS_MIN_PER_SPLIT,
  keysBytes,
  keysSplits,
  type KeysTiles,
} from "./_decode_keys_tiles.ts";
import { keysKey, keysMergeShape, keysMergeWgsl, keysWgsl } from "./_decode_keys_wgsl.ts";
import { TIER_BYTES } from "./_tiles.ts";
import { hasAdapter } from "./_testing.ts";

function tiles(headDim: number, rows: number, kv: "f32" | "f16", tier: "T48" | "T32" | "T16") {
  const t = chooseKeysTiles(headDim, rows, kv, tier);
  assert.ok(typeof t !== "string", `D${headDim} ${kv} ${tier}: ${t}`);
  return t as KeysTiles;
}

Deno.test("keys tiles on an H100/H200 (T48): 128 invocations, 16-byte loads, whole warps of keys", () => {
  const f32 = tiles(128, 4, "f32", "T48");
  assert.deepEqual(
    { e: f32.e, de: f32.de, wg: f32.wg, kg: f32.kg, tk: f32.tk, vk: f32.vk, rb: f32.rb },
    { e: 4, de: 32, wg: 128, kg: 4, tk: 64, vk: 16, rb: 4 },
  );
  // 64 keys for 128 invocations: two score groups of 2 rows each.
  assert.deepEqual({ sg: f32.sg, rh: f32.rh }, { sg: 2, rh: 2 });
  const f16 = tiles(128, 4, "f16", "T48");
  assert.deepEqual(
    { e: f16.e, de: f16.de, wg: f16.wg, kg: f16.kg, tk: f16.tk, vk: f16.vk, rb: f16.rb },
    { e: 8, de: 16, wg: 128, kg: 8, tk: 128, vk: 16, rb: 4 },
  );
  assert.deepEqual({ sg: f16.sg, rh: f16.rh }, { sg: 1, rh: 4 });
  // 32 query rows (G = 8, 4 tokens): 8 per workgroup (register budget), 4 row blocks.
  assert.equal(tiles(128, 32, "f32", "T48").rb, 8);
  assert.equal(tiles(128, 32, "f16", "T48").rb, 8);
});

Deno.test("keys tiles fit their tier for every head dim, or say why not", () => {
  for (const tier of ["T48", "T32", "T16"] as const) {
    for (const kv of ["f32", "f16"] as const) {
      for (let headDim = 4; headDim <= 512; headDim += 4) {
        for (const rows of [1, 4, 8, 32]) {
          const t = chooseKeysTiles(headDim, rows, kv, tier);
          if (kv === "f16" && headDim % 8 !== 0) {
            assert.match(String(t), /needs a head dim that is a multiple of 8/);
            continue;
          }
          assert.ok(typeof t !== "string", `${tier} ${kv} D${headDim} rows ${rows}: ${t}`);
          assert.equal(t.wg, t.kg * t.de);
          assert.ok(t.wg <= 128 && t.tk <= t.wg && t.tk % t.kg === 0 && t.vk === t.tk / t.kg);
          assert.ok(t.vk <= 16 && t.rb <= 8);
          assert.ok(t.tk * t.sg <= t.wg && t.sg * t.rh >= t.rb && (t.sg - 1) * t.rh < t.rb);
          assert.equal(t.bytes, keysBytes(t));
          assert.ok(t.bytes <= TIER_BYTES[tier], `${tier} D${headDim}: ${t.bytes} bytes`);
        }
      }
    }
  }
  assert.match(String(chooseKeysTiles(130, 1, "f32", "T48")), /multiple of 4 up to 512/);
  assert.match(String(chooseKeysTiles(512, 1, "f32", "T48", 64)), /more than the 64 invocations/);
});

Deno.test("the keys split rule: about 1024 workgroups of 256-1024 keys for 8 KV heads", () => {
  const maxDim = 65535;
  // B = 1, 8 KV heads, one row block, decodeWorkgroups 256 (a hardware adapter).
  const rule = (length: number, tk = 64) => keysSplits(length, 8, 256, maxDim, tk);
  assert.deepEqual(rule(65536), { splits: 128, keysPerSplit: 512 });
  assert.deepEqual(rule(16384), { splits: 64, keysPerSplit: 256 });
  assert.deepEqual(rule(4096), { splits: 16, keysPerSplit: 256 });
  assert.deepEqual(rule(1024), { splits: 4, keysPerSplit: 256 });
  assert.deepEqual(rule(65536, 128), { splits: 128, keysPerSplit: 512 });
  assert.deepEqual(rule(262144), { splits: 256, keysPerSplit: KEYS_MAX_PER_SPLIT });
  // Short caches: one split, written directly (no merge).
  assert.deepEqual(rule(KEYS_MIN_PER_SPLIT), { splits: 1, keysPerSplit: KEYS_MIN_PER_SPLIT });
  assert.deepEqual(rule(100), { splits: 1, keysPerSplit: 100 });
  assert.deepEqual(rule(1), { splits: 1, keysPerSplit: 1 });
  assert.deepEqual(rule(257), { splits: 2, keysPerSplit: 256 });
  // Splits are whole tiles: 48-key tiles make 288-key splits.
  assert.deepEqual(rule(1000, 48), { splits: 4, keysPerSplit: 288 });
  // The grid limit wins over the keys per split.
  assert.deepEqual(keysSplits(4096, 8, 256, 2, 64), { splits: 2, keysPerSplit: 2048 });
  // Every key in exactly one split, none empty.
  for (const length of [1, 7, 255, 256, 257, 1000, 4097, 65536, 100000]) {
    for (const tk of [16, 48, 64, 128]) {
      const { splits, keysPerSplit } = keysSplits(length, 3, 64, maxDim, tk);
      assert.ok(splits * keysPerSplit >= length && (splits - 1) * keysPerSplit < length);
    }
  }
});

Deno.test("generated keys kernels: three barriers per tile, keyed by their parameters", () => {
  const t = tiles(128, 4, "f16", "T48");
  const elements = { q: "f32", kv: "f16", o: "f32" } as const;
  const code = keysWgsl({
    tiles: t,
    rope: { pairing: "half", rotaryDim: 128 },
    alibi: true,
    elements,
  });
  const loop = code.slice(code.indexOf("for (var k0"), code.indexOf("// The key groups'"));
  assert.equal(loop.match(/workgroupBarrier\(\)/g)?.length, 3);
  assert.match(code, /var<workgroup> Ks: array<vec4<u32>, 2176>/); // 128 keys x (16 + 1 pad)
  assert.match(code, /unpack2x16float/);
  assert.doesNotMatch(code, /enable f16/); // a float16 cache alone needs no shader-f16 code
  const other = keysKey({ tiles: t, rope: null, alibi: true, elements });
  assert.notEqual(
    keysKey({ tiles: t, rope: { pairing: "half", rotaryDim: 128 }, alibi: true, elements }),
    other,
  );
  assert.deepEqual(keysMergeShape(128), { chunks: 8, lanes: 32, blocks: 4, workgroup: 256 });
  assert.deepEqual(keysMergeShape(20), { chunks: 1, lanes: 256, blocks: 5, workgroup: 256 });
});

Deno.test({
  name: "the keys kernels of every tier compile (T48 included, which this adapter cannot run)",
  ignore: !hasAdapter && Deno.env.get("CI") !== "true",
  async fn() {
    const adapter = await navigator.gpu.requestAdapter();
    assert.ok(adapter, "CI=true but no WebGPU adapter was found");
    const features = adapter.features.has("shader-f16") ? ["shader-f16" as const] : [];
    const device = await adapter.requestDevice({ requiredFeatures: features });
    const compile = async (code: string, what: string) => {
      const info = await device.createShaderModule({ code }).getCompilationInfo();
      const errors = info.messages.filter((m) => m.type === "error");
      assert.deepEqual(errors.map((m) => `${m.lineNum}: ${m.message}`), [], what);
    };
    try {
      for (const tier of ["T48", "T32", "T16"] as const) {
        for (const headDim of [32, 64, 80, 128, 256]) {
          for (const kv of ["f32", "f16"] as const) {
            const t = tiles(headDim, 8, kv, tier);
            const ropes = [null, { pairing: "half", rotaryDim: headDim / 2 + 4 }, {
              pairing: "interleaved",
              rotaryDim: headDim,
            }] as const;
            for (const rope of ropes) {
              const o = features.length && rope === null ? "f16" : "f32";
              const elements = { q: o, kv, o } as const;
              await compile(
                keysWgsl({ tiles: t, rope, alibi: rope !== null, elements }),
                `${tier} D${headDim} ${kv} rope ${rope?.pairing}`,
              );
            }
          }
        }
      }
      for (const headDim of [32, 128, 512]) await compile(keysMergeWgsl(headDim, "f32"), "merge");
    } finally {
      device.destroy();
    }
  },
});
