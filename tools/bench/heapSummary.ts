/**
 * Reads a V8 .heapsnapshot (written by `npm run bench -- --heap-snapshot`, after the run and a
 * full GC) and lists what the heap holds: self size and count per constructor or kind, largest
 * first, so the bytes retained per order can be traced to the objects that hold them without
 * opening DevTools.
 */
import fs from 'node:fs';

interface HeapSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

export interface HeapLine {
  /** Constructor name for objects, else the node kind (`string`, `closure` name, `array`…). */
  what: string;
  count: number;
  selfBytes: number;
}

export function summarizeHeapSnapshot(file: string, top: number): { totalBytes: number; lines: HeapLine[] } {
  const snapshot = JSON.parse(fs.readFileSync(file, 'utf8')) as HeapSnapshot;
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const groups = new Map<string, HeapLine>();
  let totalBytes = 0;
  for (let index = 0; index < snapshot.nodes.length; index += width) {
    const type = types[snapshot.nodes[index + typeAt]!]!;
    const name = snapshot.strings[snapshot.nodes[index + nameAt]!] ?? '';
    const size = snapshot.nodes[index + sizeAt]!;
    totalBytes += size;
    const what =
      type === 'object' || type === 'closure' || type === 'native'
        ? `${type === 'object' ? '' : `(${type}) `}${name.slice(0, 60)}`
        : `(${type})`;
    const line = groups.get(what) ?? { what, count: 0, selfBytes: 0 };
    line.count++;
    line.selfBytes += size;
    groups.set(what, line);
  }
  const lines = [...groups.values()].sort((a, b) => b.selfBytes - a.selfBytes).slice(0, top);
  return { totalBytes, lines };
}

if (require.main === module) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: npx tsx tools/bench/heapSummary.ts <file.heapsnapshot> [top]');
    process.exit(2);
  }
  const { totalBytes, lines } = summarizeHeapSnapshot(file, Number(process.argv[3] ?? 25));
  console.log(`${(totalBytes / 2 ** 20).toFixed(1)} MiB in the snapshot`);
  for (const line of lines) {
    console.log(
      `${(line.selfBytes / 2 ** 20).toFixed(2).padStart(9)} MiB ${String(line.count).padStart(9)}  ${line.what}`,
    );
  }
}
