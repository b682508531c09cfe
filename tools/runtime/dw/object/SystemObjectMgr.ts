/**
 * dw.object.SystemObjectMgr.describe() and dw.object.ObjectAttributeDefinition, answered from
 * our metadata/: what Business Manager would report after importing it.
 */
import type { RuntimeCore } from '../../runtimeCore';
import type { AttributeModel } from '../../state/metadata';
import type { ValueKit } from '../valueKit';

export const VALUE_TYPE_CODES: Record<string, number> = {
  int: 1,
  double: 2,
  string: 3,
  text: 4,
  html: 5,
  date: 6,
  image: 7,
  boolean: 8,
  money: 9,
  quantity: 10,
  datetime: 11,
  email: 12,
  password: 13,
  'set-of-int': 21,
  'set-of-double': 22,
  'set-of-string': 23,
  'enum-of-int': 31,
  'enum-of-string': 33,
};

export const ObjectAttributeDefinitionConstants = Object.fromEntries(
  Object.entries({
    VALUE_TYPE_INT: 'int',
    VALUE_TYPE_NUMBER: 'double',
    VALUE_TYPE_STRING: 'string',
    VALUE_TYPE_TEXT: 'text',
    VALUE_TYPE_HTML: 'html',
    VALUE_TYPE_DATE: 'date',
    VALUE_TYPE_IMAGE: 'image',
    VALUE_TYPE_BOOLEAN: 'boolean',
    VALUE_TYPE_MONEY: 'money',
    VALUE_TYPE_QUANTITY: 'quantity',
    VALUE_TYPE_DATETIME: 'datetime',
    VALUE_TYPE_EMAIL: 'email',
    VALUE_TYPE_PASSWORD: 'password',
    VALUE_TYPE_SET_OF_INT: 'set-of-int',
    VALUE_TYPE_SET_OF_NUMBER: 'set-of-double',
    VALUE_TYPE_SET_OF_STRING: 'set-of-string',
    VALUE_TYPE_ENUM_OF_INT: 'enum-of-int',
    VALUE_TYPE_ENUM_OF_STRING: 'enum-of-string',
  }).map(([name, type]) => [name, VALUE_TYPE_CODES[type]]),
);

export function createObjectAttributeDefinitionClass(kit: ValueKit) {
  class ObjectAttributeDefinition {
    constructor(private readonly model: AttributeModel) {}
    get ID(): string {
      return this.model.id;
    }
    getID(): string {
      return this.model.id;
    }
    get valueTypeCode(): number {
      return VALUE_TYPE_CODES[this.model.type] ?? 0;
    }
    getValueTypeCode(): number {
      return this.valueTypeCode;
    }
    get mandatory(): boolean {
      return this.model.mandatory;
    }
    isMandatory(): boolean {
      return this.model.mandatory;
    }
    get system(): boolean {
      return false;
    }
    isSystem(): boolean {
      return false;
    }
    get values(): unknown {
      return kit.list(
        this.model.enumValues.map((value) => {
          const typed = this.model.type === 'enum-of-int' ? Number(value) : value;
          const displayValue = this.model.enumDisplayValues[value] ?? value;
          return { value: typed, displayValue, getValue: () => typed, getDisplayValue: () => displayValue };
        }),
      );
    }
    getValues(): unknown {
      return this.values;
    }
  }
  Object.assign(ObjectAttributeDefinition, ObjectAttributeDefinitionConstants);
  return ObjectAttributeDefinition;
}

export function createSystemObjectMgrModule(core: RuntimeCore, kit: ValueKit): unknown {
  const ObjectAttributeDefinition = createObjectAttributeDefinitionClass(kit);
  const known = new Set([
    'Order',
    'SitePreferences',
    'Shipment',
    'ProductLineItem',
    'OrderPaymentInstrument',
    'PaymentTransaction',
    'Profile',
    'Product',
  ]);
  return {
    describe(typeId: string): unknown {
      const id = String(typeId);
      const attributes = core.metadata.attributesOf(id);
      if (!known.has(id) && attributes.size === 0) return null;
      return {
        ID: id,
        getID: () => id,
        system: true,
        isSystem: () => true,
        getCustomAttributeDefinition: (name: string) => {
          const model = attributes.get(String(name));
          return model ? new ObjectAttributeDefinition(model) : null;
        },
        getAttributeDefinitions: () => kit.list([...attributes.values()].map((m) => new ObjectAttributeDefinition(m))),
      };
    },
  };
}
