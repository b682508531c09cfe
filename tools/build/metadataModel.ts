/**
 * Reads system-objecttype-extensions.xml (and custom-objecttype-definitions.xml) into a small
 * model: which custom attributes each object type has, with their type, enum values (and their
 * x-default display names) and default value. The build generates typings from it; the local
 * runtime types custom attributes with it.
 */
import fs from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { children, text, type XmlNode } from './xmlNodes';

export interface AttributeModel {
  id: string;
  type: string;
  enumValues: string[];
  /** x-default display name per enum value (the value itself when none is given). */
  enumDisplayValues: Record<string, string>;
  /** The `<default-value>` as written in the XML, if any. */
  defaultValue?: string;
  mandatory: boolean;
}

export interface CustomObjectTypeModel extends TypeExtensionModel {
  storageScope: 'site' | 'organization';
  keyAttribute: { id: string; type: string };
  retentionDays?: number;
}

export interface TypeExtensionModel {
  typeId: string;
  attributes: AttributeModel[];
}

const ARRAY_ELEMENTS = new Set([
  'type-extension',
  'attribute-definition',
  'value-definition',
  'display-name',
  'description',
  'display',
  'attribute-group',
  'attribute',
  'custom-type',
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  isArray: (name) => ARRAY_ELEMENTS.has(name),
});

function defaultDisplay(node: XmlNode): string | undefined {
  const displays = children(node, 'display');
  const chosen = displays.find((d) => d['@xml:lang'] === 'x-default') ?? displays[0];
  return chosen === undefined ? undefined : text(chosen);
}

function readAttributes(typeId: string, container: unknown): AttributeModel[] {
  return children(container, 'attribute-definition').map((definition) => {
    const id = String(definition['@attribute-id'] ?? '');
    const type = text(definition.type);
    if (!id || !type) throw new Error(`${typeId}: attribute-definition without id or type`);
    const enumValues: string[] = [];
    const enumDisplayValues: Record<string, string> = {};
    for (const valueDefinition of children(definition['value-definitions'], 'value-definition')) {
      const value = text(valueDefinition.value);
      enumValues.push(value);
      enumDisplayValues[value] = defaultDisplay(valueDefinition) ?? value;
    }
    const attribute: AttributeModel = {
      id,
      type,
      enumValues,
      enumDisplayValues,
      mandatory: text(definition['mandatory-flag']) === 'true',
    };
    if (definition['default-value'] !== undefined) attribute.defaultValue = text(definition['default-value']);
    return attribute;
  });
}

function metadataRoot(metadataXml: string): XmlNode {
  const doc = parser.parse(metadataXml) as XmlNode;
  const metadata = doc.metadata;
  if (!metadata) throw new Error('Not a metadata document: root element <metadata> is missing');
  return metadata as XmlNode;
}

export function readTypeExtensions(metadataXml: string): TypeExtensionModel[] {
  return children(metadataRoot(metadataXml), 'type-extension').map((extension) => {
    const typeId = String(extension['@type-id'] ?? '');
    if (!typeId) throw new Error('<type-extension> without type-id');
    return { typeId, attributes: readAttributes(typeId, extension['custom-attribute-definitions']) };
  });
}

export function readCustomObjectTypes(metadataXml: string): CustomObjectTypeModel[] {
  return children(metadataRoot(metadataXml), 'custom-type').map((customType) => {
    const typeId = String(customType['@type-id'] ?? '');
    if (!typeId) throw new Error('<custom-type> without type-id');
    const scope = text(customType['storage-scope']);
    if (scope !== 'site' && scope !== 'organization')
      throw new Error(`${typeId}: storage-scope must be site or organization`);
    const key = (customType['key-definition'] ?? {}) as XmlNode;
    const keyAttribute = { id: String(key['@attribute-id'] ?? ''), type: text(key.type) };
    if (!keyAttribute.id || !keyAttribute.type)
      throw new Error(`${typeId}: key-definition without attribute-id or type`);
    const model: CustomObjectTypeModel = {
      typeId,
      storageScope: scope,
      keyAttribute,
      attributes: readAttributes(typeId, customType['attribute-definitions']),
    };
    if (customType['retention-days'] !== undefined) model.retentionDays = Number(text(customType['retention-days']));
    return model;
  });
}

export function readTypeExtensionsFile(file: string): TypeExtensionModel[] {
  return readTypeExtensions(fs.readFileSync(file, 'utf8'));
}

export function readCustomObjectTypesFile(file: string): CustomObjectTypeModel[] {
  return readCustomObjectTypes(fs.readFileSync(file, 'utf8'));
}
