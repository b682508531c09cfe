/** Typed access to the dw.* mocks' test controls, and a reset for beforeEach. */
export interface ServiceMockConfig {
  credential?: { ID: string; URL: string; user: string; password: string } | null;
  profile?: { ID: string; timeoutMillis: number } | null;
}
export interface AttributeMock {
  type: number;
  values?: string[];
}
export interface LoggedMessage {
  level: string;
  prefix: string;
  category: string;
  message: string;
}

export const LocalServiceRegistry = require('dw/svc/LocalServiceRegistry') as {
  __configure(id: string, config: ServiceMockConfig): void;
  __reset(): void;
};
export const SystemObjectMgr = require('dw/object/SystemObjectMgr') as {
  __define(type: string, attributes: { [id: string]: AttributeMock }): void;
  __reset(): void;
};
export const ObjectAttributeDefinition = require('dw/object/ObjectAttributeDefinition') as { [name: string]: number };
export const Logger = require('dw/system/Logger') as { __messages: LoggedMessage[]; __reset(): void };
export const Site = require('dw/system/Site') as {
  __setCurrent(id: string, preferences?: object): void;
  __reset(): void;
};

export function resetDwMocks(): void {
  LocalServiceRegistry.__reset();
  SystemObjectMgr.__reset();
  Logger.__reset();
  Site.__reset();
}
