import { type RuntimeContext } from '../context';

/** Builds a value once per RuntimeContext, so that `require` returns the same class within one run. */
export function perContext<T>(build: (ctx: RuntimeContext) => T): (ctx: RuntimeContext) => T {
  const built = new WeakMap<RuntimeContext, T>();
  return (ctx) => {
    if (!built.has(ctx)) built.set(ctx, build(ctx));
    return built.get(ctx) as T;
  };
}
