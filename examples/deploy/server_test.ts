import assert from "node:assert/strict";
import { alibiSlopes } from "@posenc/alibi";
import { t5Bias, t5Buckets } from "@posenc/relative";
import { relativeDecayBound, ropeFrequencies } from "@posenc/rope";
import { diagnose, linearScaling, ropeFromConfig } from "@posenc/scaling";
import { sinusoidalTable } from "@posenc/sinusoidal";
import { tensor } from "@posenc/tensor";
import { createHandler, MAX_CONFIG_BYTES } from "./server.ts";

const handler = createHandler();
const BASE = "http://demo.test";

async function get(path: string, init?: RequestInit): Promise<Response> {
  return await handler(new Request(BASE + path, init));
}

async function body(response: Response): Promise<Record<string, unknown>> {
  return await response.json() as Record<string, unknown>;
}

/** Every route, with the content type it must answer. */
const ROUTES: readonly [path: string, type: string][] = [
  ["/", "text/html; charset=utf-8"],
  ["/style.css", "text/css; charset=utf-8"],
  ["/favicon.svg", "image/svg+xml"],
  ["/build/app.js", "text/javascript; charset=utf-8"],
  ["/api/limits", "application/json; charset=utf-8"],
  ["/api/sinusoidal", "application/json; charset=utf-8"],
  ["/api/rope", "application/json; charset=utf-8"],
  ["/api/alibi", "application/json; charset=utf-8"],
  ["/api/relative", "application/json; charset=utf-8"],
  ["/api/scaling", "application/json; charset=utf-8"],
  ["/api/attention", "application/json; charset=utf-8"],
];

/** Bad parameters and the message each must produce (status 400). */
const BAD: readonly [path: string, message: string][] = [
  ["/api/scaling?dim=7", "Invalid dim: expected an even integer in [2, 1024], got 7"],
  ["/api/scaling?dim=2048", "Invalid dim: expected an even integer in [2, 1024], got 2048"],
  ["/api/scaling?dim=abc", 'Invalid dim: expected an even integer in [2, 1024], got "abc"'],
  ["/api/scaling?dim=", 'Invalid dim: expected an even integer in [2, 1024], got ""'],
  ["/api/scaling?dim=0x10", 'Invalid dim: expected an even integer in [2, 1024], got "0x10"'],
  [
    "/api/scaling?base=NaN",
    'Invalid base: expected a finite number > 1 and <= 1000000000, got "NaN"',
  ],
  [
    "/api/scaling?base=Infinity",
    'Invalid base: expected a finite number > 1 and <= 1000000000, got "Infinity"',
  ],
  ["/api/scaling?base=1", "Invalid base: expected a finite number > 1 and <= 1000000000, got 1"],
  ["/api/scaling?base=-5", "Invalid base: expected a finite number > 1 and <= 1000000000, got -5"],
  [
    "/api/scaling?trainLength=20000000",
    "Invalid trainLength: expected an integer in [2, 16777216], got 20000000",
  ],
  // The schema allows it, NTK-aware scaling does not: the package's message, not a 500.
  [
    "/api/scaling?dim=2",
    "Invalid rotaryDim: expected an even integer >= 4 for NTK-aware scaling, got 2",
  ],
  [
    "/api/scaling?trainLength=8192&targetLength=4096",
    "Invalid targetLength: expected an integer >= trainLength (8192), got 4096",
  ],
  [
    "/api/scaling?dims=64",
    'Unknown parameter "dims": expected one of base, dim, trainLength, targetLength',
  ],
  ["/api/scaling?dim=64&dim=32", "Invalid dim: given more than once"],
  [
    "/api/sinusoidal?length=65537",
    "Invalid length: expected an integer in [2, 65536], got 65537",
  ],
  [
    "/api/sinusoidal?layout=rows",
    'Invalid layout: expected one of "interleaved", "concat", got "rows"',
  ],
  ["/api/sinusoidal?dim=1.5", "Invalid dim: expected an even integer in [2, 1024], got 1.5"],
  ["/api/rope?maxDistance=-1", "Invalid maxDistance: expected an integer in [1, 65536], got -1"],
  [
    "/api/rope?dim=1024&maxDistance=65536",
    "Invalid maxDistance: expected an integer <= 8192 at rotary dim 1024 (maxDistance × dim/2 <= 4194304), got 65536",
  ],
  ["/api/rope?shift=1e7", "Invalid shift: expected an integer in [0, 1000000], got 1e7"],
  ["/api/alibi?heads=0", "Invalid heads: expected an integer in [1, 64], got 0"],
  ["/api/alibi?heads=12&head=13", "Invalid head: expected an integer in [1, 12], got 13"],
  ["/api/alibi?length=100000", "Invalid length: expected an integer in [1, 512], got 100000"],
  [
    "/api/alibi?mode=future",
    'Invalid mode: expected one of "causal", "symmetric", got "future"',
  ],
  ["/api/alibi?maxBias=0", "Invalid maxBias: expected a finite number > 0 and <= 64, got 0"],
  [
    "/api/relative?numBuckets=512",
    "Invalid numBuckets: expected an integer in [2, 256], got 512",
  ],
  [
    "/api/relative?maxDistance=65537",
    "Invalid maxDistance: expected an integer in [2, 65536], got 65537",
  ],
  ["/api/relative?length=257", "Invalid length: expected an integer in [1, 256], got 257"],
  ["/api/relative?heads=65", "Invalid heads: expected an integer in [1, 64], got 65"],
  ["/api/relative?heads=4&head=5", "Invalid head: expected an integer in [1, 4], got 5"],
  [
    "/api/relative?mode=encoder",
    'Invalid mode: expected one of "bidirectional", "causal", got "encoder"',
  ],
  // T5's own rules between the parameters, as t5RelativeBucket applies them.
  [
    "/api/relative?numBuckets=31",
    "Invalid numBuckets: expected an even integer >= 4 in bidirectional mode (half the buckets for keys before the query, half for keys after), got 31",
  ],
  [
    "/api/relative?numBuckets=2",
    "Invalid numBuckets: expected an even integer >= 4 in bidirectional mode (half the buckets for keys before the query, half for keys after), got 2",
  ],
  [
    "/api/relative?mode=causal&maxDistance=16",
    "Invalid maxDistance: expected an integer > 16 (with 32 causal buckets, distances below 16 get a bucket each and the logarithmic buckets run from there to maxDistance), got 16",
  ],
  [
    "/api/attention?seq=40&headDim=32",
    "Invalid seq: expected an integer <= headDim (32), got 40",
  ],
  ["/api/attention?headDim=48", "Invalid headDim: expected one of 32, 64, 128, got 48"],
  ["/api/attention?seq=1000", "Invalid seq: expected an integer in [2, 64], got 1000"],
  ["/api/attention?heads=2&head=3", "Invalid head: expected an integer in [1, 2], got 3"],
  [
    "/api/attention?scheme=learned",
    'Invalid scheme: expected one of "rope", "rope-yarn", "alibi", "sinusoidal", "none", got "learned"',
  ],
];

/** Paths that try to leave static/ (sent as written, not normalised). */
const TRAVERSALS = [
  "/../deno.json",
  "/../../deno.json",
  "/build/../../server.ts",
  "/%2e%2e/server.ts",
  "/%2E%2E/%2e%2e/deno.json",
  "/build/..%2f..%2fserver.ts",
  "/build/%2e%2e%2f%2e%2e%2fserver.ts",
  "/..%5cserver.ts",
  "//etc/passwd",
  "/%2fetc%2fpasswd",
  "/etc/passwd",
  "/.gitignore",
  "/%00index.html",
  "/%e0%a4%a",
];

Deno.test("demo server", async (t) => {
  await t.step("each route answers 200 with its content type", async () => {
    for (const [path, type] of ROUTES) {
      const response = await get(path);
      assert.equal(response.status, 200, path);
      assert.equal(response.headers.get("content-type"), type, path);
      assert.equal(response.headers.get("x-content-type-options"), "nosniff", path);
      assert.ok((await response.arrayBuffer()).byteLength > 0, path);
    }
  });

  await t.step("the page loads the committed bundle and nothing from outside", async () => {
    const html = await (await get("/")).text();
    assert.match(html, /<script type="module" src="\/build\/app.js"><\/script>/);
    assert.doesNotMatch(html, /https?:\/\/(?!localhost)/, "no CDN or remote asset");
    // Without JavaScript the page says why it is empty and where the numbers still are.
    assert.match(
      html,
      /<noscript>\s*<p>\s*This page computes every plot in your browser with JavaScript/,
    );
    const csp = (await get("/")).headers.get("content-security-policy") ?? "";
    assert.match(csp, /default-src 'self'/);
  });

  await t.step("HEAD answers headers without a body", async () => {
    const response = await get("/style.css", { method: "HEAD" });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("content-type"), "text/css; charset=utf-8");
    assert.equal(await response.text(), "");
  });

  await t.step("/api/limits lists every panel's bounds", async () => {
    const limits = await body(await get("/api/limits"));
    assert.deepEqual(Object.keys(limits), [
      "sinusoidal",
      "rope",
      "alibi",
      "relative",
      "scaling",
      "attention",
    ]);
    const sinusoidal = limits.sinusoidal as Record<string, { max: number }>;
    assert.equal(sinusoidal.length!.max, 65536);
    assert.equal(sinusoidal.dim!.max, 1024);
  });

  await t.step("/api/sinusoidal is the package's table and dot products", async () => {
    const data = await body(await get("/api/sinusoidal?length=64&dim=16&base=100"));
    const table = sinusoidalTable(128, 16, { base: 100 });
    const heatmap = data.heatmap as { positions: number[]; values: number[] };
    assert.deepEqual(heatmap.positions, Array.from({ length: 128 }, (_, i) => i));
    assert.deepEqual(heatmap.values, Array.from(table.data));
    const dot = data.dot as { from: number; distance: number; dot: number }[];
    for (const { from, distance, dot: value } of dot.filter((d) => d.distance % 17 === 0)) {
      const a = sinusoidalTable(1, 16, { base: 100, offset: from }).data;
      const b = sinusoidalTable(1, 16, { base: 100, offset: from + distance }).data;
      assert.equal(value, a.reduce((sum, v, i) => sum + v * b[i]!, 0));
    }
  });

  await t.step("/api/rope scores are relative and its bound is relativeDecayBound", async () => {
    const data = await body(await get("/api/rope?dim=64&maxDistance=100&shift=5000"));
    assert.deepEqual(data.bound, Array.from(relativeDecayBound(ropeFrequencies(64), 100)));
    const scores = data.scores as { distance: number; score: number; shifted: number }[];
    assert.equal(scores.length, 101);
    assert.equal(scores[0]!.score, 64); // all-ones q and k, unrotated
    assert.ok((data.maxShiftDifference as number) < 1e-3);
    // Ones vectors: q·R(Δθ)k = 2 Σ cos(Δθᵢ) over the 32 pairs.
    const { invFreq } = ropeFrequencies(64);
    for (const { distance, score } of scores) {
      const expected = 2 * invFreq.reduce((sum, f) => sum + Math.cos(distance * f), 0);
      assert.ok(Math.abs(score - expected) < 1e-3, `distance ${distance}: ${score} vs ${expected}`);
    }
  });

  await t.step("/api/alibi has the package's slopes and -Infinity as null", async () => {
    const data = await body(await get("/api/alibi?heads=12&length=8&head=9"));
    const slopes = alibiSlopes(12);
    assert.deepEqual(data.slopes, Array.from(slopes));
    const values = (data.bias as { values: (number | null)[] }).values;
    assert.deepEqual(
      values.slice(56, 64),
      [7, 6, 5, 4, 3, 2, 1, 0].map((d) => Math.fround(-slopes[8]! * d) || 0),
    );
    assert.deepEqual(values.slice(0, 8), [0, null, null, null, null, null, null, null]);
  });

  await t.step("/api/relative has @posenc/relative's buckets and bias, ALiBi's line", async () => {
    const data = await body(
      await get("/api/relative?mode=causal&numBuckets=9&maxDistance=40&heads=3&head=2&length=5"),
    );
    assert.deepEqual(data.params, {
      mode: "causal",
      numBuckets: 9,
      maxDistance: 40,
      heads: 3,
      head: 2,
      length: 5,
      seed: 1,
    });
    assert.equal(data.range, 80);
    assert.equal(data.maxExact, 4);
    const options = { bidirectional: false, numBuckets: 9, maxDistance: 40 };
    const runs = data.buckets as { from: number; to: number; bucket: number }[];
    const plotted = runs.flatMap((r) => Array.from({ length: r.to - r.from + 1 }, () => r.bucket));
    assert.deepEqual(plotted, Array.from(t5Buckets(1, 161, { ...options, queryOffset: 80 })));
    const slope = alibiSlopes(3)[1]!;
    assert.deepEqual(data.alibi, [{ relative: -80, bias: -slope * 80 }, { relative: 0, bias: 0 }]);
    const weight = data.weight as number[];
    assert.equal(weight.length, 9);
    const bias = t5Bias(tensor(weight, [9, 1]), {
      queryLength: 5,
      keyLength: 5,
      bidirectional: false,
      maxDistance: 40,
    });
    assert.deepEqual((data.bias as { values: number[] }).values, Array.from(bias.data));
    // Future keys are bucket 0 in a decoder: the last column of row 0 is weight[0].
    assert.equal((data.bias as { values: number[] }).values[4], weight[0]);
  });

  await t.step(
    "the relative panel's largest sizes answer with runs, not one entry per position",
    async () => {
      const response = await get(
        "/api/relative?numBuckets=256&maxDistance=65536&heads=64&head=64&length=256",
      );
      assert.equal(response.status, 200);
      const data = await body(response);
      assert.equal(data.range, 131072);
      assert.ok((data.buckets as unknown[]).length <= 256, "runs, not one entry per position");
      assert.equal((data.bias as { values: number[] }).values.length, 256 * 256);
    },
  );

  await t.step("/api/scaling diagnoses every method with @posenc/scaling", async () => {
    const data = await body(await get("/api/scaling?base=500000&dim=64&trainLength=8192"));
    assert.deepEqual(data.params, {
      base: 500000,
      dim: 64,
      trainLength: 8192,
      targetLength: 32768,
    });
    assert.equal(data.factor, 4);
    const curves = data.curves as {
      method: string;
      oodPairs: number;
      points: { scale: number }[];
    }[];
    assert.deepEqual(curves.map((c) => c.method), [
      "default",
      "linear",
      "ntk",
      "dynamic",
      "yarn",
      "llama3",
    ]);
    const options = { trainLength: 8192, targetLength: 32768, base: 500000 };
    const plain = diagnose(ropeFrequencies(64, { base: 500000 }), options);
    assert.equal(curves[0]!.oodPairs, plain.summary.outOfDistributionPairs);
    assert.ok(curves[0]!.oodPairs > 0, "plain RoPE leaves the trained angles");
    const pi = diagnose(linearScaling(64, { base: 500000, factor: 4 }), options);
    assert.deepEqual(curves[1]!.points.map((p) => p.scale), pi.pairs.map((p) => p.scale));
    assert.equal(curves[1]!.oodPairs, 0, "PI at factor target/train stays in distribution");
  });

  await t.step("/api/attention computes on the CPU and says so", async () => {
    const data = await body(await get("/api/attention?scheme=alibi&seq=8&heads=2&head=2"));
    assert.equal(data.backend, "cpu");
    assert.equal(data.maxDiffFromReference, null);
    const weights = (data.weights as { values: number[] }).values;
    assert.equal(weights.length, 64);
    for (let i = 0; i < 8; i++) {
      const row = weights.slice(i * 8, i * 8 + 8);
      assert.ok(Math.abs(row.reduce((a, b) => a + b, 0) - 1) < 1e-6, `row ${i} sums to 1`);
      assert.ok(row.slice(i + 1).every((w) => w === 0), `row ${i} is causal`);
    }
  });

  await t.step("POST /api/config reads a config.json with ropeFromConfig", async () => {
    const config = JSON.parse(
      await Deno.readTextFile(new URL("../configs/llama-3.1-8b.json", import.meta.url)),
    );
    const response = await get("/api/config?targetLength=131072", {
      method: "POST",
      body: JSON.stringify(config),
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("content-type"), "application/json; charset=utf-8");
    const data = await body(response);
    const rope = ropeFromConfig(config, { seqLen: 131072 });
    assert.equal(data.ropeType, "llama3");
    assert.equal(data.rotaryDim, 128);
    assert.equal(data.base, 500000);
    assert.equal(data.trainLength, 8192);
    const diagnosis = diagnose(rope, { trainLength: 8192, targetLength: 131072, base: 500000 });
    const curve = data.curve as { oodPairs: number; verdict: string };
    assert.equal(curve.oodPairs, diagnosis.summary.outOfDistributionPairs);
    assert.equal(curve.verdict, diagnosis.summary.verdict);
  });

  await t.step("POST /api/config refuses bad configs with 400, big ones with 413", async () => {
    const cases: [string, string, RegExp][] = [
      ["", "{not json", /^config\.json is not valid JSON: /],
      ["", "[]", /config/i],
      ["", "{}", /head/],
      ["", '{"head_dim": 64, "rope_theta": "big"}', /rope_theta/],
      [
        "?targetLength=0",
        "{}",
        /^Invalid targetLength: expected an integer in \[2, 16777216\], got 0$/,
      ],
      ["?seq=5", "{}", /^Unknown parameter "seq": expected one of targetLength$/],
    ];
    for (const [query, text, message] of cases) {
      const response = await get(`/api/config${query}`, { method: "POST", body: text });
      assert.equal(response.status, 400, text);
      assert.match(String((await body(response)).error), message, text);
    }
    const big = await get("/api/config", {
      method: "POST",
      body: " ".repeat(MAX_CONFIG_BYTES + 1),
    });
    assert.equal(big.status, 413);
    assert.deepEqual(await big.json(), { error: "config.json too large: at most 65536 bytes" });
    const wrong = await get("/api/config");
    assert.equal(wrong.status, 405);
    assert.equal(wrong.headers.get("allow"), "POST");
  });

  await t.step("POST /api/config bounds the config's sizes before computing anything", async () => {
    const cases: [string, string][] = [
      [
        '{"head_dim": 30000000, "max_position_embeddings": 4096}',
        "Invalid config.head_dim: expected at most 1024 (the demo's bound on dims), got 30000000",
      ],
      [
        '{"hidden_size": 300000000, "num_attention_heads": 1, "max_position_embeddings": 4096}',
        "Invalid config.hidden_size: hidden_size / num_attention_heads is the head dim, expected at most 1024 (the demo's bound on dims), got 300000000 / 1",
      ],
      [
        '{"head_dim": 64, "qk_rope_head_dim": 5000000}',
        "Invalid config.qk_rope_head_dim: expected at most 1024 (the demo's bound on dims), got 5000000",
      ],
      [
        '{"head_dim": 64, "max_position_embeddings": 1e400}',
        "Invalid config.max_position_embeddings: expected at most 16777216 (the demo's bound on lengths), got Infinity",
      ],
      [
        '{"head_dim": 64, "rope_scaling": {"rope_type": "yarn", "factor": 4, "original_max_position_embeddings": 1e9}}',
        "Invalid config.rope_scaling.original_max_position_embeddings: expected at most 16777216 (the demo's bound on lengths), got 1000000000",
      ],
      [
        '{"head_dim": 64, "rope_parameters": {"full_attention": {"rope_type": "default", "head_dim": 4194304}}}',
        "Invalid config.rope_parameters.full_attention.head_dim: expected at most 1024 (the demo's bound on dims), got 4194304",
      ],
    ];
    for (const [text, message] of cases) {
      const response = await get("/api/config", { method: "POST", body: text });
      assert.equal(response.status, 400, text);
      assert.deepEqual(await response.json(), { error: message }, text);
    }
    assert.equal(cases[0]![0].length, 55, "the 55-byte body that ran the server out of memory");
    // Llama 4 Scout's 10M context is within the bound.
    const scout = await get("/api/config?targetLength=10485760", {
      method: "POST",
      body: '{"head_dim": 128, "rope_theta": 500000, "max_position_embeddings": 10485760}',
    });
    assert.equal(scout.status, 200);
    assert.equal((await body(scout)).trainLength, 10485760);
  });

  await t.step("HEAD reports the length GET would send", async () => {
    for (const path of ["/style.css", "/build/app.js", "/api/scaling", "/favicon.svg"]) {
      for (const encoding of [null, "gzip"]) {
        const headers: HeadersInit = encoding === null ? {} : { "accept-encoding": encoding };
        const full = await get(path, { headers });
        const bytes = (await full.arrayBuffer()).byteLength;
        const head = await get(path, { method: "HEAD", headers });
        assert.equal(head.status, 200, path);
        assert.equal(await head.text(), "", path);
        assert.ok(bytes > 0, path);
        assert.equal(head.headers.get("content-length"), String(bytes), `${path} ${encoding}`);
        assert.equal(head.headers.get("content-encoding"), full.headers.get("content-encoding"));
        assert.equal(head.headers.get("etag"), full.headers.get("etag"));
      }
    }
  });

  await t.step("gzip when the client accepts it, for files and API answers", async () => {
    for (const path of ["/", "/build/app.js", "/style.css", "/api/limits", "/api/alibi"]) {
      const plain = await get(path);
      assert.equal(plain.headers.get("content-encoding"), null, path);
      assert.equal(plain.headers.get("vary"), "accept-encoding", path);
      const expected = new Uint8Array(await plain.arrayBuffer());
      const zipped = await get(path, { headers: { "accept-encoding": "br, gzip;q=0.8" } });
      assert.equal(zipped.status, 200, path);
      assert.equal(zipped.headers.get("content-encoding"), "gzip", path);
      assert.equal(zipped.headers.get("content-type"), plain.headers.get("content-type"), path);
      const packed = new Uint8Array(await zipped.arrayBuffer());
      assert.equal(zipped.headers.get("content-length"), String(packed.byteLength), path);
      assert.ok(packed.byteLength < expected.byteLength / 2, `${path}: ${packed.byteLength}`);
      const unpacked = new Response(
        new Blob([packed]).stream().pipeThrough(new DecompressionStream("gzip")),
      );
      assert.deepEqual(new Uint8Array(await unpacked.arrayBuffer()), expected, path);
    }
    const refused = await get("/build/app.js", { headers: { "accept-encoding": "gzip;q=0" } });
    assert.equal(refused.headers.get("content-encoding"), null);
    await refused.body?.cancel();
    // A short answer is not worth a gzip header; a PNG is compressed already.
    const small = await get("/api/scaling?dim=7", { headers: { "accept-encoding": "gzip" } });
    assert.equal(small.headers.get("content-encoding"), null);
    await small.body?.cancel();
  });

  await t.step("ETag and If-None-Match answer 304 without a body", async () => {
    for (const path of ["/", "/build/app.js", "/api/rope?dim=64"]) {
      for (const encoding of ["identity", "gzip"]) {
        const first = await get(path, { headers: { "accept-encoding": encoding } });
        const etag = first.headers.get("etag");
        assert.match(etag ?? "", /^"[0-9a-f]{32}(-gzip)?"$/, path);
        await first.body?.cancel();
        const again = await get(path, {
          headers: { "accept-encoding": encoding, "if-none-match": `"other", ${etag}` },
        });
        assert.equal(again.status, 304, `${path} ${encoding}`);
        assert.equal(again.headers.get("etag"), etag);
        assert.equal(await again.text(), "");
      }
    }
    const rope64 = (await get("/api/rope?dim=64")).headers.get("etag");
    const rope32 = await get("/api/rope?dim=32", { headers: { "if-none-match": rope64! } });
    assert.equal(rope32.status, 200, "other parameters, other entity");
    assert.notEqual(rope32.headers.get("etag"), rope64);
    await rope32.body?.cancel();
  });

  await t.step("bad parameters answer 400 with a readable message", async () => {
    for (const [path, message] of BAD) {
      const response = await get(path);
      assert.equal(response.status, 400, path);
      assert.equal(response.headers.get("content-type"), "application/json; charset=utf-8");
      assert.deepEqual(await response.json(), { error: message }, path);
    }
  });

  await t.step("unknown API routes answer 404 and wrong methods 405", async () => {
    const missing = await get("/api/nope");
    assert.equal(missing.status, 404);
    assert.match(
      String((await body(missing)).error),
      /No API route \/api\/nope: try \/api\/limits/,
    );
    const post = await get("/api/scaling", { method: "POST", body: "{}" });
    assert.equal(post.status, 405);
    assert.equal(post.headers.get("allow"), "GET, HEAD");
    await post.body?.cancel();
    const put = await get("/index.html", { method: "PUT", body: "x" });
    assert.equal(put.status, 405);
    await put.body?.cancel();
  });

  await t.step("paths outside static/ answer 404 (in-process)", async () => {
    for (const path of TRAVERSALS) {
      const response = await get(path);
      assert.equal(response.status, 404, path);
      assert.equal(await response.text(), "Not found\n", path);
    }
  });
});

async function rawRequest(port: number, path: string): Promise<string> {
  const connection = await Deno.connect({ hostname: "127.0.0.1", port });
  try {
    const request = `GET ${path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`;
    await connection.write(new TextEncoder().encode(request));
    let text = "";
    const decoder = new TextDecoder();
    for await (const chunk of connection.readable) text += decoder.decode(chunk, { stream: true });
    return text;
  } finally {
    try {
      connection.close();
    } catch {
      // readable's end already closed it
    }
  }
}

Deno.test("demo main.ts as on Deno Deploy: no WebGPU, PORT, raw traversal requests", async (t) => {
  const root = new URL("../../", import.meta.url);
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-net",
      "--allow-read=examples/deploy",
      "--allow-env=PORT,HOST",
      "--preload=examples/deploy/testdata/no_webgpu.ts",
      "examples/deploy/main.ts",
    ],
    cwd: root,
    env: { PORT: String(port), NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  try {
    // The server prints its address once it listens.
    const reader = child.stderr.pipeThrough(new TextDecoderStream()).getReader();
    let log = "";
    while (!log.includes("Listening on")) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`server exited before listening:\n${log}`);
      log += value;
    }
    reader.releaseLock();
    void child.stderr.cancel().catch(() => {});

    await t.step("listens on localhost by default, as the README says", () => {
      assert.match(log, new RegExp(`Listening on http://(localhost|127\\.0\\.0\\.1):${port}/`));
      assert.doesNotMatch(log, /0\.0\.0\.0/);
    });

    await t.step("serves the PORT it was given, without touching GPU globals", async () => {
      for (const [path, type] of ROUTES) {
        const response = await fetch(`http://127.0.0.1:${port}${path}`);
        assert.equal(response.status, 200, path);
        assert.equal(response.headers.get("content-type"), type, path);
        await response.body?.cancel();
      }
    });

    await t.step("raw `..` request lines answer 404", async () => {
      for (const path of TRAVERSALS) {
        const response = await rawRequest(port, path);
        const status = response.split("\r\n", 1)[0];
        assert.match(status!, /^HTTP\/1\.1 404 /, `${path}: ${status}`);
        assert.doesNotMatch(response, /"workspace"|createHandler|root:x:0:0/, path);
      }
    });
  } finally {
    child.kill();
    await child.status;
    await child.stdout.cancel().catch(() => {});
  }
});

Deno.test("demo main.ts on a taken port prints a sentence, not a stack trace", async () => {
  const root = new URL("../../", import.meta.url);
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  try {
    const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--allow-net", "--allow-env=PORT,HOST", "examples/deploy/main.ts"],
      cwd: root,
      env: { PORT: String(port), HOST: "127.0.0.1", NO_COLOR: "1" },
    }).output();
    const text = new TextDecoder().decode(stderr) + new TextDecoder().decode(stdout);
    assert.equal(code, 1, text);
    assert.equal(
      text.trim(),
      `Port ${port} on 127.0.0.1 is already in use (another demo still running?): stop it, or pick another port, e.g. PORT=8001 deno task demo`,
    );
  } finally {
    listener.close();
  }
});

Deno.test("demo main.ts: HOST picks the interface; on Deno Deploy it listens on all", async (t) => {
  const root = new URL("../../", import.meta.url);
  async function listening(env: Record<string, string>, allowEnv: string): Promise<string> {
    const child = new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--allow-net",
        "--allow-read=examples/deploy",
        allowEnv,
        "examples/deploy/main.ts",
      ],
      cwd: root,
      env: { PORT: "0", NO_COLOR: "1", ...env },
      stdout: "null",
      stderr: "piped",
    }).spawn();
    try {
      const reader = child.stderr.pipeThrough(new TextDecoderStream()).getReader();
      let log = "";
      while (!log.includes("Listening on")) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`server exited before listening:\n${log}`);
        log += value;
      }
      await reader.cancel();
      return log;
    } finally {
      child.kill();
      await child.status;
    }
  }
  await t.step("HOST=127.0.0.1", async () => {
    assert.match(
      await listening({ HOST: "127.0.0.1" }, "--allow-env=PORT,HOST"),
      /Listening on http:\/\/127\.0\.0\.1:\d+\//,
    );
  });
  await t.step("DENO_DEPLOYMENT_ID set, every variable readable (as on Deploy)", async () => {
    assert.match(
      await listening({ DENO_DEPLOYMENT_ID: "test" }, "--allow-env"),
      /Listening on http:\/\/0\.0\.0\.0:\d+\//,
    );
  });
});
