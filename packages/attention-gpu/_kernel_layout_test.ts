import assert from "node:assert/strict";
import { kernelLayout, readOnly, readWrite } from "./_kernel_layout.ts";
import { flashLayout, flashWgsl } from "./_flash_wgsl.ts";
import { mergeLayout, mergeWgsl, splitLayout, splitWgsl } from "./_decode_wgsl.ts";
import { appendLayout, appendWgsl } from "./_append_kernel.ts";
import { ropeLayout, ropeWgsl } from "./_rope_kernel.ts";
import { naiveWgsl } from "./_naive.ts";
import { chooseDecodeTiles } from "./_decode_tiles.ts";
import { chooseFlashTiles } from "./_tiles.ts";

const layout = kernelLayout({
  name: "test",
  uniforms: { a: "u32", b: "i32", c: "f32", d: "u32", e: "u32" },
  bindings: {
    x: readOnly("X", "array<f32>"),
    skipped: null,
    y: readWrite("Y", "array<vec4<f32>>"),
  },
});

Deno.test("kernelLayout packs every field at 4 * its index, little-endian, padded to 16 bytes", () => {
  const bytes = layout.pack({ a: 0xfffffffe, b: -7, c: 0.1, d: 3, e: 0 });
  assert.equal(bytes.byteLength, 32); // 5 words -> 20 bytes -> 32
  assert.equal(layout.uniformBytes, 32);
  const view = new DataView(bytes);
  assert.equal(view.getUint32(0, true), 0xfffffffe);
  assert.equal(view.getInt32(4, true), -7);
  assert.equal(view.getFloat32(8, true), Math.fround(0.1));
  assert.equal(view.getUint32(12, true), 3);
  assert.equal(view.getUint32(16, true), 0);
  assert.deepEqual([...new Uint8Array(bytes, 20)], new Array(12).fill(0));
  const four = kernelLayout({
    name: "four",
    uniforms: { a: "u32", b: "u32", c: "u32", d: "u32" },
    bindings: {},
  });
  assert.equal(four.pack({ a: 1, b: 2, c: 3, d: 4 }).byteLength, 16);
});

Deno.test("kernelLayout refuses a missing field, an unknown field and a value its type cannot hold", () => {
  const good = { a: 1, b: 2, c: 3, d: 4, e: 5 };
  const { e: _, ...missing } = good;
  assert.throws(
    () => layout.pack(missing as typeof good),
    /uniform e of kernel test is missing/,
  );
  assert.throws(
    () => layout.pack({ ...good, ee: 1 } as typeof good),
    /kernel test has no uniform ee/,
  );
  assert.throws(() => layout.pack({ ...good, a: -1 }), /a = -1 .* unsigned 32-bit/);
  assert.throws(() => layout.pack({ ...good, a: 2 ** 32 }), /unsigned 32-bit/);
  assert.throws(() => layout.pack({ ...good, d: 1.5 }), /d = 1.5 .* unsigned 32-bit/);
  assert.throws(() => layout.pack({ ...good, b: 2 ** 31 }), /signed 32-bit/);
  assert.throws(() => layout.pack({ ...good, c: NaN }), /c = NaN .* finite f32/);
});

Deno.test("kernelLayout numbers bindings in declaration order after the uniform block, skipping null", () => {
  assert.deepEqual(layout.bindingNames, ["params", "x", "y"]);
  assert.equal(layout.binding("y"), 2);
  assert.throws(() => layout.binding("skipped"), /declares no binding skipped/);
  assert.equal(
    layout.wgsl,
    `struct Params {
  a: u32,
  b: i32,
  c: f32,
  d: u32,
  e: u32,
}
@group(0) @binding(0) var<uniform> P: Params;
@group(0) @binding(1) var<storage, read> X: array<f32>;
@group(0) @binding(2) var<storage, read_write> Y: array<vec4<f32>>;
`,
  );
});

Deno.test("kernelLayout's bind group entries follow the binding numbers and refuse missing or unknown ones", () => {
  const p = { buffer: "P" } as unknown as GPUBufferBinding;
  const x = { buffer: "X", offset: 256, size: 64 } as unknown as GPUBufferBinding;
  const y = { buffer: "Y" } as unknown as GPUBufferBinding;
  assert.deepEqual(layout.entries({ y, params: p, x }), [
    { binding: 0, resource: p },
    { binding: 1, resource: x },
    { binding: 2, resource: y },
  ]);
  assert.throws(() => layout.entries({ params: p, x }), /binding y of kernel test is missing/);
  assert.throws(
    () => layout.entries({ params: p, x, y, skipped: y }),
    /kernel test declares no binding skipped/,
  );
});

Deno.test("every kernel's WGSL declares its uniforms and bindings from its layout", () => {
  const flash = {
    tiles: chooseFlashTiles(64, "T16")!,
    rope: { pairing: "half", rotaryDim: 32 },
    alibi: true,
  } as const;
  assert.ok(flashWgsl(flash).includes(flashLayout(flash).wgsl));
  assert.deepEqual(flashLayout(flash).bindingNames, [
    "params",
    "q",
    "k",
    "v",
    "o",
    "table",
    "slopes",
  ]);
  const plain = { ...flash, rope: null, alibi: false };
  assert.deepEqual(flashLayout(plain).bindingNames, ["params", "q", "k", "v", "o"]);
  const decode = {
    tiles: chooseDecodeTiles(64, 4, "T16", 256)!,
    rope: null,
    alibi: true,
    elements: { q: "f32", kv: "f16", o: "f32" },
  } as const;
  assert.ok(splitWgsl(decode).includes(splitLayout(decode).wgsl));
  assert.equal(splitLayout(decode).binding("slopes"), 6);
  assert.ok(mergeWgsl(64, "f16").includes(mergeLayout("f16").wgsl));
  const append = { headDim: 64, rope: null, k: "f32", v: "f32", cache: "f16" } as const;
  assert.ok(appendWgsl(append).includes(appendLayout(append).wgsl));
  assert.ok(ropeWgsl(true).includes(ropeLayout(true).wgsl));
  assert.deepEqual(ropeLayout(false).bindingNames, ["params", "x", "table", "y"]);
  for (const pass of ["scores", "softmax", "pv"] as const) {
    assert.match(naiveWgsl(pass), /struct Params \{\n {2}rowBase: u32,[^}]*scale: f32,\n\}/);
  }
});
