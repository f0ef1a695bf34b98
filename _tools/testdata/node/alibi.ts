// Run under Node by node_test.ts (bundled): @posenc/alibi's mod.ts on a small example.
import { alibiSlopes } from "@posenc/alibi";

console.log(JSON.stringify({ slopes8: Array.from(alibiSlopes(8)), slopes12: Array.from(alibiSlopes(12)) }));
