/**
 * Reads a V8 .cpuprofile (node --cpu-prof) and lists where the time went: self time per function
 * and inclusive time of chosen frames, so `npm run bench -- --cpu-prof` can show the runtime's
 * per-order cost without opening DevTools.
 */
import fs from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileLine {
  ms: number;
  share: number;
  frame: string;
}

function frameName(node: ProfileNode, root: string): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.replace(/^file:\/\//, '');
  const shown = file.startsWith(root) ? path.relative(root, file) : file;
  return `${functionName || '(anonymous)'}${shown ? ` ${shown}:${lineNumber + 1}` : ''}`;
}

/** Self time per function, highest first (`top` lines), with the profile's total. */
export function summarizeProfile(file: string, root: string, top = 15): { totalMs: number; lines: ProfileLine[] } {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]);
    const delta = profile.timeDeltas[i] ?? 0;
    if (!node) continue;
    const name = frameName(node, root);
    self.set(name, (self.get(name) ?? 0) + delta);
    total += delta;
  }
  const lines = [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([frame, micros]) => ({ ms: micros / 1000, share: total > 0 ? micros / total : 0, frame }));
  return { totalMs: total / 1000, lines };
}

/** The main-thread profile a process with this pid wrote into `dir` (thread 0; workers write their own). */
export function mainThreadProfile(dir: string, pid: number): string | null {
  const pattern = new RegExp(`^CPU\\.\\d+\\.\\d+\\.${pid}\\.0\\.\\d+\\.cpuprofile$`);
  const found = fs.existsSync(dir) ? fs.readdirSync(dir).filter((name) => pattern.test(name)) : [];
  return found.length > 0 ? path.join(dir, found.sort()[0]) : null;
}
