/**
 * Mocha setup: `require('dw/…')` resolves to our own mocks in test/mocks/dw (never the npm
 * package dw-api-mock, which is malware), and the metadata-generated module exists so that
 * cartridge sources load from a clean clone.
 */
import Module from 'node:module';
import path from 'node:path';
import { generateMetadataTypes } from '../tools/build/generateMetadataTypes';

export const DW_MOCKS = path.join(__dirname, 'mocks');

type Resolver = (request: string, parent: unknown, ...rest: unknown[]) => string;
const moduleWithResolver = Module as unknown as { _resolveFilename: Resolver };
const resolve = moduleWithResolver._resolveFilename;
moduleWithResolver._resolveFilename = function (request, parent, ...rest) {
  if (request === 'dw' || request.startsWith('dw/')) {
    return resolve.call(this, path.join(DW_MOCKS, request), parent, ...rest);
  }
  return resolve.call(this, request, parent, ...rest);
};

generateMetadataTypes();
