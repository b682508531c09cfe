import { HashSet } from './HashSet';

/** `dw.util.LinkedHashSet`: a HashSet that iterates in insertion order. */
export class LinkedHashSet<T> extends HashSet<T> {
  override clone(): LinkedHashSet<T> {
    return super.clone() as LinkedHashSet<T>;
  }
}
