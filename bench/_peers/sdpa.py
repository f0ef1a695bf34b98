#!/usr/bin/env python3
"""PyTorch SDPA on the shapes of `deno task bench:gpu`, for its peer columns.

Reads the shapes as JSON from argv[1]:
  {"prefill": [{"heads", "seq", "headDim", "causal"}...],
   "decode": [{"kvHeads", "group", "headDim", "length"}...],
   "precisions": ["f32", "f16"], "flushBytes": int}
and prints one JSON object on stdout: {"torch", "cuda", "device", "peers": [...]}.
float32 runs with TF32 off (the WebGPU kernels do not use TF32). Every SDPA backend
that accepts a shape is timed with it pinned (torch.nn.attention.sdpa_kernel), so each
row names the backend that ran. Times: CUDA events, the median of 10 measurements.
Prefill measurements time several calls each; decode measurements time one call
after a streaming write of flushBytes (larger than L2) so K and V come from memory.
Exits 2 with a message on stderr when torch or CUDA is missing.
"""

import json
import sys


def main() -> int:
    spec = json.loads(sys.argv[1])
    try:
        import torch
        from torch.nn.attention import SDPBackend, sdpa_kernel
        import torch.nn.functional as F
    except Exception as error:  # noqa: BLE001 - any import failure means no peers
        print(f"torch unavailable: {error}", file=sys.stderr)
        return 2
    if not torch.cuda.is_available():
        print(f"torch {torch.__version__} has no CUDA device", file=sys.stderr)
        return 2
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    dtypes = {"f32": torch.float32, "f16": torch.float16}
    backends = [
        ("cudnn", getattr(SDPBackend, "CUDNN_ATTENTION", None)),
        ("flash", SDPBackend.FLASH_ATTENTION),
        ("efficient", SDPBackend.EFFICIENT_ATTENTION),
    ]
    backends = [(name, b) for name, b in backends if b is not None]
    flush = torch.empty(max(int(spec.get("flushBytes", 0)) // 4, 1), dtype=torch.float32,
                        device="cuda")

    def median_ms(fn, calls, cold):
        for _ in range(3):
            fn()
        times = []
        for _ in range(10):
            if cold:
                flush.fill_(1.0)
            start = torch.cuda.Event(enable_timing=True)
            end = torch.cuda.Event(enable_timing=True)
            start.record()
            for _ in range(calls):
                fn()
            end.record()
            torch.cuda.synchronize()
            times.append(start.elapsed_time(end) / calls)
        times.sort()
        return (times[4] + times[5]) / 2

    def pinned(fn, calls, cold):
        """(backend, ms) for every backend that runs fn; math only when none does."""
        out = []
        for name, backend in backends:
            try:
                with sdpa_kernel([backend]):
                    out.append((name, median_ms(fn, calls, cold)))
            except RuntimeError:
                continue
        if not out:
            with sdpa_kernel([SDPBackend.MATH]):
                out.append(("math", median_ms(fn, calls, cold)))
        return out

    peers = []
    for precision in spec["precisions"]:
        dtype = dtypes[precision]
        for s in spec["prefill"]:
            shape = (1, s["heads"], s["seq"], s["headDim"])
            q, k, v = (torch.randn(shape, dtype=dtype, device="cuda") for _ in range(3))

            def prefill(q=q, k=k, v=v, causal=s["causal"]):
                return F.scaled_dot_product_attention(q, k, v, is_causal=causal)

            flops = 4 * s["heads"] * s["seq"] ** 2 * s["headDim"] / (2 if s["causal"] else 1)
            for backend, ms in pinned(prefill, 5, False):
                peers.append({
                    "name": f"PyTorch SDPA ({backend})", "kind": "prefill", "backend": backend,
                    "heads": s["heads"], "seq": s["seq"], "headDim": s["headDim"],
                    "causal": s["causal"], "precision": precision,
                    "tflops": flops / (ms / 1e3) / 1e12,
                })
            del q, k, v
        for s in spec["decode"]:
            heads = s["kvHeads"] * s["group"]
            q = torch.randn((1, heads, 1, s["headDim"]), dtype=dtype, device="cuda")
            k, v = (torch.randn((1, s["kvHeads"], s["length"], s["headDim"]), dtype=dtype,
                                device="cuda") for _ in range(2))

            def decode(q=q, k=k, v=v):
                return F.scaled_dot_product_attention(q, k, v, enable_gqa=True)

            nbytes = 2 * s["kvHeads"] * s["length"] * s["headDim"] * (4 if precision == "f32" else 2)
            for backend, ms in pinned(decode, 1, True):
                peers.append({
                    "name": f"PyTorch SDPA ({backend})", "kind": "decode", "backend": backend,
                    "kvHeads": s["kvHeads"], "group": s["group"], "headDim": s["headDim"],
                    "length": s["length"], "precision": precision, "l2Cold": True,
                    "gbs": nbytes / (ms / 1e3) / 1e9,
                })
            del q, k, v
    print(json.dumps({
        "torch": torch.__version__,
        "cuda": torch.version.cuda,
        "device": torch.cuda.get_device_name(0),
        "peers": peers,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
