/** Builds dist/cartridges once per test process (tsc takes a few seconds). */
import { build } from '../../tools/build/build';

let built = false;

export function ensureBuilt(): void {
  if (built) return;
  build();
  built = true;
}
