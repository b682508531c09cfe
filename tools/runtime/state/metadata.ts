/**
 * The object types the runtime knows, read from our metadata/ folder exactly as Business Manager
 * would import it: system type extensions (Order, SitePreferences, …) and custom object types.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  readCustomObjectTypes,
  readTypeExtensions,
  type AttributeModel,
  type CustomObjectTypeModel,
} from '../../build/metadataModel';
import { PATHS } from '../../build/paths';

export type { AttributeModel, CustomObjectTypeModel };

export interface RuntimeMetadata {
  /** Custom attributes of a system object type; empty when we do not extend it. */
  attributesOf(typeId: string): ReadonlyMap<string, AttributeModel>;
  customObjectType(typeId: string): CustomObjectTypeModel | undefined;
  customObjectTypeIds(): string[];
}

export function loadRuntimeMetadata(metaDirectory = path.join(PATHS.metadata, 'meta')): RuntimeMetadata {
  const systemTypes = new Map<string, Map<string, AttributeModel>>();
  const customTypes = new Map<string, CustomObjectTypeModel>();
  const files = fs.existsSync(metaDirectory) ? fs.readdirSync(metaDirectory).filter((f) => f.endsWith('.xml')) : [];
  for (const file of files.sort()) {
    const xml = fs.readFileSync(path.join(metaDirectory, file), 'utf8');
    for (const extension of readTypeExtensions(xml)) {
      const attributes = systemTypes.get(extension.typeId) ?? new Map<string, AttributeModel>();
      for (const attribute of extension.attributes) attributes.set(attribute.id, attribute);
      systemTypes.set(extension.typeId, attributes);
    }
    for (const customType of readCustomObjectTypes(xml)) customTypes.set(customType.typeId, customType);
  }
  const empty = new Map<string, AttributeModel>();
  return {
    attributesOf: (typeId) => systemTypes.get(typeId) ?? empty,
    customObjectType: (typeId) => customTypes.get(typeId),
    customObjectTypeIds: () => [...customTypes.keys()].sort(),
  };
}

export function customObjectAttributes(type: CustomObjectTypeModel): Map<string, AttributeModel> {
  const attributes = new Map<string, AttributeModel>();
  attributes.set(type.keyAttribute.id, {
    id: type.keyAttribute.id,
    type: type.keyAttribute.type,
    enumValues: [],
    enumDisplayValues: {},
    mandatory: true,
  });
  for (const attribute of type.attributes) attributes.set(attribute.id, attribute);
  return attributes;
}
