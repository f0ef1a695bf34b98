// Preloaded by examples_test.ts: a runtime without WebGPU, as Deno Deploy or an
// old browser (navigator.gpu is undefined).
Object.defineProperty(Object.getPrototypeOf(navigator), "gpu", {
  configurable: true,
  get: () => undefined,
});
