import assert from "node:assert/strict";
import { chooseFlashTiles, flashBytes, TIER_BYTES, tierFor } from "./_tiles.ts";

const HEAD_DIMS = [32, 64, 80, 96, 128, 256];

Deno.test("tiers follow the workgroup-storage limit", () => {
  assert.equal(tierFor(65536), "T48");
  assert.equal(tierFor(49152), "T48");
  assert.equal(tierFor(49151), "T32");
  assert.equal(tierFor(32768), "T32");
  assert.equal(tierFor(16384), "T16");
});

Deno.test("every head dim gets tiles that fit its tier and tile the work exactly", () => {
  for (const tier of ["T48", "T32", "T16"] as const) {
    for (const d of HEAD_DIMS) {
      const t = chooseFlashTiles(d, tier);
      assert.ok(t, `no tiles for D=${d} on ${tier}`);
      assert.ok(t.bytes <= TIER_BYTES[tier]);
      assert.equal(t.bytes, flashBytes(t));
      // Score and output blocks cover the tile exactly once.
      assert.equal((t.br / t.tm) * (t.bc / t.tn), t.workgroup);
      assert.equal((t.br / t.om) * (d / 4 / t.od4), t.workgroup);
      assert.ok(t.tm * t.tn <= 16 && t.om * t.od4 <= 16);
    }
  }
});

Deno.test("the NVIDIA tier (T48) gets its planned tiles: 64x32 at D=64, 32x32 with shared K/V at D=128", () => {
  const d64 = chooseFlashTiles(64, "T48")!;
  assert.deepEqual(
    [d64.workgroup, d64.br, d64.bc, d64.sharedKV],
    [128, 64, 32, false],
  );
  const d128 = chooseFlashTiles(128, "T48")!;
  assert.deepEqual(
    [d128.workgroup, d128.br, d128.bc, d128.sharedKV, d128.tm * d128.tn, d128.om * d128.od4],
    [128, 32, 32, true, 8, 8],
  );
  const t32 = chooseFlashTiles(128, "T32")!;
  assert.deepEqual([t32.br, t32.bc, t32.sharedKV], [32, 16, true]);
});

Deno.test("head dims the kernel cannot take get no tiles", () => {
  assert.equal(chooseFlashTiles(6, "T32"), undefined);
  assert.equal(chooseFlashTiles(0, "T32"), undefined);
  assert.equal(chooseFlashTiles(516, "T48"), undefined);
  assert.equal(chooseFlashTiles(512, "T16"), undefined);
  assert.equal(chooseFlashTiles(64, "T32", 16), undefined); // 16 invocations: too few
});
