import { type RuntimeContext } from '../context';
import { EnumValue } from './EnumValue';
import { MimeEncodedText } from './MimeEncodedText';
import { moneyClassFor } from './Money';

export { createEnumValue } from './EnumValue';
export { moneyClassFor } from './Money';

export const dwModules: Record<string, (ctx: RuntimeContext) => unknown> = {
  'dw/value/EnumValue': () => EnumValue,
  'dw/value/MimeEncodedText': () => MimeEncodedText,
  'dw/value/Money': (ctx) => moneyClassFor(ctx),
};
