/** dw.system.System: instance facts the runtime pins (a development instance, compatibility mode 22.7). */
import type { RuntimeCore } from '../../runtimeCore';
import type { ValueKit } from '../valueKit';

export function createSystemModule(core: RuntimeCore, kit: ValueKit): unknown {
  return {
    DEVELOPMENT_SYSTEM: 0,
    STAGING_SYSTEM: 1,
    PRODUCTION_SYSTEM: 2,
    getInstanceType: () => 0,
    get instanceType() {
      return 0;
    },
    getInstanceHostname: () => 'localhost',
    get instanceHostname() {
      return 'localhost';
    },
    getCompatibilityMode: () => 2207,
    get compatibilityMode() {
      return 2207;
    },
    getCalendar: () => kit.calendar(core.now(), 'Etc/UTC'),
    get calendar() {
      return kit.calendar(core.now(), 'Etc/UTC');
    },
  };
}
