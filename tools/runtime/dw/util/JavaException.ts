/**
 * A Java exception as scripts see it on the platform: a JS Error that also carries `javaName` and
 * `javaMessage`, which cartridge code sometimes inspects in `catch` blocks.
 */
export class JavaException extends Error {
  readonly javaName: string;
  readonly javaMessage: string;

  constructor(javaName: string, message: string) {
    super(message);
    this.name = javaName.slice(javaName.lastIndexOf('.') + 1);
    this.javaName = javaName;
    this.javaMessage = message;
  }
}

export const illegalArgument = (message: string): JavaException =>
  new JavaException('java.lang.IllegalArgumentException', message);

export const illegalState = (message: string): JavaException =>
  new JavaException('java.lang.IllegalStateException', message);

export const indexOutOfBounds = (message: string): JavaException =>
  new JavaException('java.lang.IndexOutOfBoundsException', message);

export const noSuchElement = (message: string): JavaException =>
  new JavaException('java.util.NoSuchElementException', message);

export const unsupportedOperation = (message: string): JavaException =>
  new JavaException('java.lang.UnsupportedOperationException', message);

export const concurrentModification = (message: string): JavaException =>
  new JavaException('java.util.ConcurrentModificationException', message);

export const classCast = (message: string): JavaException => new JavaException('java.lang.ClassCastException', message);

export const arithmetic = (message: string): JavaException =>
  new JavaException('java.lang.ArithmeticException', message);

export const nullPointer = (message: string): JavaException =>
  new JavaException('java.lang.NullPointerException', message);
