/**
 * Validates import XML against the official Salesforce XSDs in ../shared/sfcc-xsd/, choosing
 * the schema from the document's root namespace (libxml2 compiled to WebAssembly, no network).
 */
import fs from 'node:fs';
import path from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { PATHS } from './paths';

export interface XmlDocument {
  name: string;
  contents: string;
}

export interface XmlValidation {
  name: string;
  schema: string | null;
  errors: string[];
}

let schemaByNamespace: Map<string, string> | null = null;

function targetNamespace(xsd: string): string | null {
  const match = /targetNamespace="([^"]+)"/.exec(xsd);
  return match ? match[1] : null;
}

function schemas(xsdDir: string): Map<string, string> {
  if (schemaByNamespace) return schemaByNamespace;
  if (!fs.existsSync(xsdDir)) {
    throw new Error(`The official XSDs are expected in ${xsdDir} (../shared/sfcc-xsd beside the repository)`);
  }
  schemaByNamespace = new Map();
  for (const file of fs.readdirSync(xsdDir).filter((f) => f.endsWith('.xsd') && f !== 'xml.xsd')) {
    const namespace = targetNamespace(fs.readFileSync(path.join(xsdDir, file), 'utf8'));
    if (namespace) schemaByNamespace.set(namespace, file);
  }
  return schemaByNamespace;
}

export function rootNamespace(xml: string): string | null {
  const withoutProlog = xml.replace(/<\?[\s\S]*?\?>/g, '').replace(/<!--[\s\S]*?-->/g, '');
  const root = /<([A-Za-z_][\w.-]*)([^>]*)>/.exec(withoutProlog);
  if (!root) return null;
  const namespace = /\sxmlns="([^"]+)"/.exec(root[2]);
  return namespace ? namespace[1] : null;
}

export async function validateXmlDocument(document: XmlDocument, xsdDir = PATHS.xsd): Promise<XmlValidation> {
  const namespace = rootNamespace(document.contents);
  const schemaFile = namespace ? schemas(xsdDir).get(namespace) : undefined;
  if (!schemaFile) {
    return {
      name: document.name,
      schema: null,
      errors: [`no official schema for the root namespace ${namespace ?? '(none)'}`],
    };
  }
  const result = await validateXML({
    xml: [{ fileName: path.basename(document.name), contents: document.contents }],
    schema: [{ fileName: schemaFile, contents: fs.readFileSync(path.join(xsdDir, schemaFile), 'utf8') }],
    preload: [{ fileName: 'xml.xsd', contents: fs.readFileSync(path.join(xsdDir, 'xml.xsd'), 'utf8') }],
  });
  return {
    name: document.name,
    schema: schemaFile,
    errors: result.valid ? [] : result.errors.map((e) => e.rawMessage.trim()),
  };
}

export async function validateXmlDocuments(documents: XmlDocument[], xsdDir = PATHS.xsd): Promise<XmlValidation[]> {
  const results: XmlValidation[] = [];
  // One at a time: each validation starts a WebAssembly worker.
  for (const document of documents) results.push(await validateXmlDocument(document, xsdDir));
  return results;
}

export function failedValidations(results: XmlValidation[]): string {
  return results
    .filter((r) => r.errors.length)
    .map((r) => `${r.name}${r.schema ? ` (${r.schema})` : ''}:\n  ${r.errors.join('\n  ')}`)
    .join('\n');
}
