import { DwMap } from './Map';

/**
 * `dw.util.HashMap`. Deliberate difference: iterates in insertion order, where the platform's
 * order is unspecified (hash order).
 */
export class HashMap<K, V> extends DwMap<K, V> {
  clone(): HashMap<K, V> {
    const Same = this.constructor as new () => HashMap<K, V>;
    const copy = new Same();
    copy.putAll(this);
    return copy;
  }
}
