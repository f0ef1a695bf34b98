// Preloaded by server_test.ts to run the server as on Deno Deploy, which has no
// WebGPU: touching navigator.gpu or any GPU* global (even to feature-detect)
// throws, so a module that does so at load time, or a route that does so per
// request, fails the test.
function trap(name: string): PropertyDescriptor {
  return {
    configurable: true,
    get() {
      throw new ReferenceError(`${name} was touched: Deno Deploy has no WebGPU`);
    },
  };
}
for (const name of Object.getOwnPropertyNames(globalThis)) {
  if (name.startsWith("GPU")) Object.defineProperty(globalThis, name, trap(name));
}
Object.defineProperty(Object.getPrototypeOf(navigator), "gpu", trap("navigator.gpu"));
