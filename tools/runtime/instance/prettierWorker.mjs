// Worker thread behind formatJson.ts: Prettier's API is asynchronous, the runtime writes its
// files from synchronous code, so the main thread waits for this worker (synckit). Plain
// JavaScript because worker threads start without the tsx loader.
import * as prettier from 'prettier';
import { runAsWorker } from 'synckit';

runAsWorker(async (text, filepath) => {
  const options = (await prettier.resolveConfig(filepath)) ?? {};
  return prettier.format(text, { ...options, filepath, parser: 'json' });
});
