/**
 * Reads system-objecttype-extensions.xml into a small model: which custom attributes each
 * system object type gets from us, with their type and enum values.
 */
import fs from 'node:fs';
import { XMLParser } from 'fast-xml-parser';

export interface AttributeModel {
  id: string;
  type: string;
  enumValues: string[];
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
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  isArray: (name) => ARRAY_ELEMENTS.has(name),
});

type XmlNode = Record<string, unknown>;

function children(node: unknown, name: string): XmlNode[] {
  if (!node || typeof node !== 'object') return [];
  const value = (node as XmlNode)[name];
  return Array.isArray(value) ? (value as XmlNode[]) : [];
}

function text(node: unknown): string {
  if (node === undefined || node === null) return '';
  if (typeof node === 'object') return String((node as XmlNode)['#text'] ?? '');
  return String(node);
}

export function readTypeExtensions(metadataXml: string): TypeExtensionModel[] {
  const doc = parser.parse(metadataXml) as XmlNode;
  const metadata = doc.metadata;
  if (!metadata) throw new Error('Not a metadata document: root element <metadata> is missing');
  return children(metadata, 'type-extension').map((extension) => {
    const typeId = String(extension['@type-id'] ?? '');
    if (!typeId) throw new Error('<type-extension> without type-id');
    const definitions = (extension['custom-attribute-definitions'] ?? {}) as XmlNode;
    const attributes = children(definitions, 'attribute-definition').map((definition) => {
      const id = String(definition['@attribute-id'] ?? '');
      const type = text(definition.type);
      if (!id || !type) throw new Error(`${typeId}: attribute-definition without id or type`);
      const enumValues = children(definition['value-definitions'], 'value-definition').map((v) => text(v.value));
      return { id, type, enumValues };
    });
    return { typeId, attributes };
  });
}

export function readTypeExtensionsFile(file: string): TypeExtensionModel[] {
  return readTypeExtensions(fs.readFileSync(file, 'utf8'));
}
