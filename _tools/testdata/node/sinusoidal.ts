// Run under Node by node_test.ts (bundled): @posenc/sinusoidal's mod.ts on a small example.
import { sinusoidalTable } from "@posenc/sinusoidal";

const table = sinusoidalTable(3, 4);
console.log(JSON.stringify({ shape: table.shape, data: Array.from(table.data) }));
