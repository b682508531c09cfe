/** Makes one service call to the URL given as argument and prints the status; used to check the process exits. */
import { FakeContext, serviceDefinition, serviceRegistry } from './fakeContext';

const url = process.argv[2] ?? '';
const ctx = new FakeContext([serviceDefinition('psp.http', url)]);
const result = serviceRegistry(ctx)
  .createService('psp.http', { createRequest: () => null, parseResponse: () => 'parsed' })
  .call();
process.stdout.write(`${result.status}\n`);
