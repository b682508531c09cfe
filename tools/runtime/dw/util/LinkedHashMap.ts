import { HashMap } from './HashMap';

/** `dw.util.LinkedHashMap`: a HashMap that iterates in insertion order. */
export class LinkedHashMap<K, V> extends HashMap<K, V> {
  override clone(): LinkedHashMap<K, V> {
    return super.clone() as LinkedHashMap<K, V>;
  }
}
