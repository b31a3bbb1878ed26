/** The text `check` prints (src/report/check.ts): a specifier is quoted exactly as JSON quotes it. */
import { quoted } from '../src/report/check';

it('quotes a specifier as JSON.stringify does, whatever it holds', () => {
  const texts = ['', '../a/b', '@/x', 'a"b', 'a\\b', 'tab\there', 'nl\n', '\u0000\u001f\u007f', 'é ü', '😀', '\ud83d', 'x\udc00y', '\u2028\u2029'];
  for (let code = 0; code < 0x10000; code++) texts.push(`a${String.fromCharCode(code)}b`);
  for (const text of texts) expect(quoted(text)).toBe(JSON.stringify(text));
});
