/**
 * Builds dist/cartridges when its inputs changed since the last build (tsc takes a few seconds);
 * `npm test` has just built it, so suites normally find it current and compile nothing.
 */
import { build } from '../../tools/build/build';

let checked = false;

export function ensureBuilt(): void {
  if (checked) return;
  build({ ifChanged: true });
  checked = true;
}
