import { type RuntimeContext } from '../context';
import { resourceClassFor } from './Resource';

export const dwModules: Record<string, (ctx: RuntimeContext) => unknown> = {
  'dw/web/Resource': (ctx) => resourceClassFor(ctx),
};
