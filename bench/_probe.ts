import { tf, tfAttention, tfCausalMask, useBackend } from "./_peers/tfjs.ts";
for (const backend of ["webgpu", "cpu"] as const) {
  console.log(backend, await useBackend(backend));
  for (const [S, D] of [[512, 64], [2048, 64], [2048, 128]] as const) {
    const shape: [number, number, number, number] = [1, 8, S, D];
    const mk = () => tf.randomNormal(shape) as tf.Tensor4D;
    const q = mk(), k = mk(), v = mk();
    const mask = tfCausalMask(S);
    for (let i = 0; i < 2; i++) {
      const t = performance.now();
      try {
        const y = tf.tidy(() => tfAttention(q, k, v, { mask }));
        await y.data();
        y.dispose();
        console.log(backend, S, D, "ms", (performance.now() - t).toFixed(0));
      } catch (e) {
        console.log(backend, S, D, "failed", String(e).slice(0, 300));
        break;
      }
    }
    tf.dispose([q, k, v, mask]);
    if (backend === "cpu" && S === 2048) break;
  }
}
