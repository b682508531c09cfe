import { type RuntimeContext } from '../context';
import { mailClassFor } from './Mail';

export const dwModules: Record<string, (ctx: RuntimeContext) => unknown> = {
  'dw/net/Mail': (ctx) => mailClassFor(ctx),
};
