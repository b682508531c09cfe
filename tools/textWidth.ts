/** Columns a text takes in a terminal: East Asian wide characters and emoji count two (string-width). */
import stringWidth from 'string-width';

export function displayWidth(text: string): number {
  return stringWidth(text);
}
