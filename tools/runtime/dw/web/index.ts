import { type RuntimeContext } from '../context';
import { HttpParameter, HttpParameterMap } from './HttpParameter';
import { resourceClassFor } from './Resource';

export const dwModules: Record<string, (ctx: RuntimeContext) => unknown> = {
  'dw/web/Resource': (ctx) => resourceClassFor(ctx),
  'dw/web/HttpParameter': () => HttpParameter,
  'dw/web/HttpParameterMap': () => HttpParameterMap,
};
